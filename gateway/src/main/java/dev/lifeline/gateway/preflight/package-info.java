/**
 * Preflight: what breaks a site's continuity, found before an outage finds it
 * ({@code lifeline check --config site.yaml}).
 *
 * <p>Owns the checks and their verdicts. Per WAN path: the bind address (and interface) is on this
 * host; the route from that source leaves through the path's own interface (policy routing);
 * each resolver answers a query sent from the path's address; the provider's NAPTR/SRV/A
 * (RFC 3263) resolve through that path's resolvers only, and the same way on every path; each
 * provider target answers SIP OPTIONS sent from the path's address; TLS trunks' certificates
 * (handshake from the path, days left); keepalives shorter than the NAT timeouts the
 * configuration states; the path's resolvers are reached through the path itself, not through
 * another. Per site: every emergency number routes to a trunk, and the UPS runtime (NUT's
 * {@code upsc}) covers the outage target.
 *
 * <p>The verdicts are pure functions ({@link dev.lifeline.gateway.preflight.Judge}) of what was
 * observed; the observing is at the edge ({@link dev.lifeline.gateway.preflight.HostProbes},
 * {@link dev.lifeline.gateway.preflight.OptionsPing}, {@link dev.lifeline.gateway.preflight.UpsReader}),
 * each bounded by a timeout, and {@link dev.lifeline.gateway.preflight.Preflight} runs the paths
 * side by side so a whole run takes seconds. A check that cannot be meaningful because another
 * failed (no bind address: nothing can be sent from it) is skipped and says why, rather than
 * failing again. DNS lookups reuse the gateway's own {@link dev.lifeline.gateway.dns.SipLocator},
 * and certificate verdicts its {@link dev.lifeline.gateway.tls.ProviderCertificateCheck}, so the
 * preflight sees what the gateway will see.
 */
package dev.lifeline.gateway.preflight;
