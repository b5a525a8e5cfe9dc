/**
 * SIP transports: UDP, TCP and TLS (1.2 and 1.3) per RFC 3261 §18.
 *
 * <ul>
 *   <li>RFC 3261 §18.2.1: inbound requests get {@code received} when the Via sent-by is not the
 *       packet's source ({@link dev.lifeline.sip.transport.ViaStamping}).</li>
 *   <li>RFC 3261 §18.2.2 with RFC 3581 §4: responses go back on the request's connection, or to
 *       maddr / received + rport / sent-by ({@link dev.lifeline.sip.transport.ResponseRouting},
 *       a pure function).</li>
 *   <li>RFC 3581: a valueless {@code rport} is filled with the source port; UDP requests leave
 *       from the listening socket so NAT bindings carry the replies (symmetric signalling).</li>
 *   <li>RFC 5626 §4.4.1: CRLF keepalives on streams, answered in the decoder and sent by
 *       {@link dev.lifeline.sip.transport.SipTransportLayer#ping}; flows (connections, inbound
 *       ones included) are reused for requests back to the peer.</li>
 *   <li>RFC 5922 §7: outbound TLS checks the server certificate against the target's host
 *       string, or, for a profile given a SIP domain, authenticates that domain whichever host
 *       (SRV target) the connection goes to ({@link dev.lifeline.sip.transport.SipDomainIdentity}:
 *       {@code sip:} URI names, else DNS names, no wildcards). Trust and client certificates can differ per destination
 *       ({@link dev.lifeline.sip.transport.TlsClientProfile}, chosen by host in
 *       {@link dev.lifeline.sip.transport.TlsMaterial}); certificate files are re-read when they
 *       change, for new handshakes only, and bad new files are refused with the reason.</li>
 *   <li>Inbound TCP/TLS connections are capped in all and per source address, and a message
 *       must arrive whole within a deadline ({@link dev.lifeline.sip.transport.ConnectionLimits});
 *       connections over a cap are reset at once, counted, and logged at most once per interval
 *       per source ({@link dev.lifeline.sip.logging.LogLimiter}).
 *       The idle timer counts only whole messages and keepalives, never a trickle of bytes.</li>
 *   <li>Sockets bound to, or connecting from, an address configured with a device are pinned to
 *       it (Linux SO_BINDTODEVICE, native epoll only; {@link dev.lifeline.sip.transport.DevicePinning}),
 *       so a WAN path's signalling leaves by its own uplink; a socket that cannot be pinned fails
 *       to open instead of using whatever device the routing table picks.</li>
 * </ul>
 *
 * <p>Why Netty: one event loop serves thousands of phones' connections without a thread each,
 * native epoll is a dependency swap rather than a rewrite, TLS comes from the JDK via its
 * {@code SslHandler}, and socket options the product needs (DSCP via IP_TOS, receive buffer
 * sizing for 64 KiB datagrams) are first-class. The Netty-specific framing lives in
 * {@code dev.lifeline.sip.codec}; this package never touches a {@code ByteBuf}. What is decided
 * here (Via stamping, response routes, 400 or drop) is plain Java tested without sockets.
 */
package dev.lifeline.sip.transport;
