/**
 * The lab's SIP provider / cloud PBX ({@link dev.lifeline.drill.lab.provider.LabProvider}): the
 * far end the drills fail over between. Several targets, each its own
 * {@link dev.lifeline.sip.stack.SipStack} and probe reflector on its own loopback address,
 * share one trunk registrar, one call table and one observation log.
 *
 * <p>SIP behaviour: REGISTER with digest (RFC 3261 §22, RFC 7616 through
 * {@link dev.lifeline.sip.auth.HmacNonceAuthenticator}): 401, then 200 listing the bindings with
 * their expiry; the binding keeps the source address the REGISTER came from (the site's public
 * NAT address; in the lab the WAN emulator's mapped address), and inbound calls go there.
 * OPTIONS 200. INVITE answered 180 then 200 with PCMU SDP (RFC 3264; 488 when the offer has no
 * PCMU; late offer completed by the ACK); re-INVITE switches RTP to its new address before the
 * 200 goes out (a path failover moving media), and may arrive through another target; an offer
 * that holds the call (a=sendonly or inactive, RFC 3264 §8.4) is answered recvonly (inactive)
 * and the provider sends nothing until an offer resumes it; BYE,
 * CANCEL. Calls to the site's DIDs carry caller IDs as E.164 ({@code user=phone}), national, or
 * anonymous (RFC 3323 {@code anonymous.invalid} with {@code Privacy: id}).
 *
 * <p>Media: per call a UDP socket on the target's address; {@link dev.lifeline.drill.lab.provider.MediaMode#ECHO}
 * sends back what arrives (own SSRC, sender's sequence numbers so upstream loss shows
 * downstream), {@link dev.lifeline.drill.lab.provider.MediaMode#TEST_SIGNAL} a 1004 Hz µ-law tone
 * every 20 ms, {@link dev.lifeline.drill.lab.provider.MediaMode#QUIET} a far end that talks for a
 * second and then sends only RFC 3389 comfort noise (payload type 13, every 500 ms; CN is
 * answered in the SDP when offered). The lab answers {@code Lab.QUIET_NUMBER} that way. Arrivals are folded into {@link dev.lifeline.drill.lab.provider.RtpArrivals}
 * (packets, last heard, gaps) so a drill can measure audio interruptions upstream. Symmetric RTP
 * by default (RFC 4961 style latching), as providers do for sites behind NAT.
 *
 * <p>Faults per target at runtime ({@link dev.lifeline.drill.lab.provider.ProviderFault}): silent
 * (messages dropped before parsing), reject everything with 503 + Retry-After or 408, drop (stack,
 * reflector and the target's call media closed) and restore on the same ports. The certificate
 * hook for TLS drills is {@link dev.lifeline.drill.lab.provider.ProviderTarget#replaceTls}.
 *
 * <p>Each target runs the gateway's own quality-probe reflector
 * ({@link dev.lifeline.gateway.path.ProbeReflector}): the gateway's path probes are echoed
 * unchanged, anything else is ignored, as a provider's reflector would behave.
 *
 * <p>Why hand-written: it is a test peer built on the project's own SIP stack and media codecs;
 * a real PBX (Asterisk, Kamailio) would run outside the JVM and could not be faulted, observed
 * and timed per target from a drill. Not yet: TCP/TLS flows for inbound calls are reused only
 * through the binding's address (no RFC 5626 flow tokens), no PRACK, no RTCP.
 */
package dev.lifeline.drill.lab.provider;
