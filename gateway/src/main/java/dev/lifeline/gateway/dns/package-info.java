/**
 * Finding the SIP provider on a WAN path: DNS per path, RFC 3263 location, and failover
 * between the targets it finds.
 *
 * <ul>
 *   <li>{@link dev.lifeline.gateway.dns.PathResolver} — one per WAN path. Every query leaves from
 *       the path's bind address and goes to that path's resolvers in order, because a resolver
 *       reached over one WAN may be unreachable, or answer differently (split horizon), over
 *       another; so the cache is per path too. Answers are cached for their TTL, NXDOMAIN and
 *       NODATA for the SOA negative TTL with a cap (RFC 2308 §5). When every resolver fails
 *       (timeout, SERVFAIL, REFUSED, network error) an expired answer up to a day old is served
 *       stale for 30 s at a time (RFC 8767), and an
 *       {@link dev.lifeline.gateway.events.Event.DnsProblem} says so. Failures are never cached.
 *       Settings: {@link dev.lifeline.gateway.dns.DnsSettings}.</li>
 *   <li>{@link dev.lifeline.gateway.dns.SipLocator} — RFC 3263 §4 for the trunk's configured
 *       transport: IP literal, host with port (A/AAAA), NAPTR → SRV → A/AAAA, SRV → A/AAAA, or
 *       A/AAAA on the default port. Gives an ordered list of
 *       {@link dev.lifeline.gateway.dns.ProviderTarget}s whose addresses carry the host name so
 *       that TLS verifies the name.</li>
 *   <li>{@link dev.lifeline.gateway.dns.SrvOrder} — RFC 2782 ordering (priority, then weighted
 *       random draw), a pure function of the records and an injected random source.</li>
 *   <li>{@link dev.lifeline.gateway.dns.TargetFailover} — RFC 3263 §4.3: a request moves to the
 *       next target on timeout, transport error or 503; the rule is the pure
 *       {@link dev.lifeline.gateway.dns.TargetFailover#classify}. For INVITE only failures before
 *       a provisional response (other than 100) move on.</li>
 * </ul>
 *
 * <p>Why dnsjava rather than the JDK or hand-written DNS: the JDK resolver ({@code InetAddress})
 * knows neither SRV nor NAPTR, cannot be told which server to ask nor which source address to
 * ask from, and keeps one process-wide cache; JNDI's DNS provider has the same limits. dnsjava
 * builds and parses messages of every type we need, lets each query name its server, source
 * address and timeout ({@code SimpleResolver}), and is asynchronous. What it offers above that
 * (its {@code Lookup} cache, search paths) is deliberately not used: the cache here must be per
 * path, serve stale and take time from an injected clock, which is the product's own logic.
 * dnsjava's own sockets are NIO and cannot be pinned to a device, so a path with
 * {@code interface:} plugs in {@link dev.lifeline.gateway.dns.PinnedDnsIo} (its I/O seam,
 * {@code IoClientFactory}): native sockets pinned with SO_BINDTODEVICE, UDP and TCP.
 */
package dev.lifeline.gateway.dns;
