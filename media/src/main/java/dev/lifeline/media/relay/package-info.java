/**
 * The media anchor: RTP and RTCP (RFC 3550) relayed between the two legs of a call on Netty UDP
 * sockets, a port pair per leg (RTP even, RTCP = RTP + 1, §11) on the local address the caller
 * picks (drawn at random from the range, so the next call's ports cannot be guessed), DSCP EF
 * on every socket. Latching is symmetric RTP (RFC 4961, as RFC 7362 describes for NAT): a leg
 * sends to where its endpoint's packets come from, but accepts and latches only packets from
 * the IPs its SDP declared or its signalling came from, and never changes source while the
 * latched one is still sending (the takeover rules of {@link dev.lifeline.media.relay.SourceLatch}),
 * so a host spraying the port range neither hears nor injects audio ("RTP bleed"); a=rtcp
 * (RFC 3605) says where RTCP goes until its own source latches. Each leg's packets pass a chain of small stages (validate → latch →
 * statistics or RTCP observation → forward) that return the packet or count why they dropped it.
 * A leg can move to another local address mid-call for WAN failover while its old pair drains.
 * Sockets on an address configured with a device (a WAN path's {@code interface:}) are pinned to
 * it with Linux SO_BINDTODEVICE, or not opened at all ({@link dev.lifeline.media.relay.RelayConfig#devices()}).
 * Quality per leg comes from RFC 3550 Appendix A statistics and RTCP report blocks, rated with
 * the G.107 E-model. Written here because anchoring, latching and moving media between WAN
 * paths are the product's own core; Netty does the I/O.
 */
package dev.lifeline.media.relay;
