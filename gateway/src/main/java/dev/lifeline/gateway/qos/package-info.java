/**
 * The QoS plan for a site's edge router: what {@code lifeline qos plan} prints. From the site
 * configuration (the paths' addresses, the SIP listen ports, the RTP relay range, the DSCP
 * values) and the link rates an engineer gives, it writes
 * <ul>
 *   <li>{@link dev.lifeline.gateway.qos.NftRules}: an nftables table that marks the gateway's
 *       RTP with the media code point (EF, RFC 3246 / RFC 4594) and its SIP with the signalling
 *       one (CS3), and resets those code points on everything else crossing the router, so
 *       that only the gateway's voice rides the priority queue (the edge is the trust boundary);</li>
 *   <li>{@link dev.lifeline.gateway.qos.ShapingScript}: a {@code tc} script shaping each
 *       direction just below the link rate, so the queue forms where the priorities apply
 *       (CAKE diffserv4, or HTB with fq_codel);</li>
 *   <li>{@link dev.lifeline.gateway.qos.CallBandwidth}: the bandwidth of one call per codec and
 *       packetisation, with RTP/UDP/IP and Ethernet overhead, and how many calls a path carries.</li>
 * </ul>
 *
 * <p>Why here and not in {@code cli}: the plan is domain arithmetic about the site, a pure
 * function of immutable records ({@link dev.lifeline.gateway.qos.QosPlanner#plan}), that other
 * readers of the site (preflight checks, the dashboard) can use; the command only parses its
 * arguments and prints. Nothing here touches a socket, a file or the clock.
 *
 * <p>Why codecs are an input and not read from the site file: the gateway relays RTP without
 * transcoding and passes SDP offers through, so which codecs run is decided by the phones and
 * the provider; a site key for them would be one the gateway itself ignores.
 */
package dev.lifeline.gateway.qos;
