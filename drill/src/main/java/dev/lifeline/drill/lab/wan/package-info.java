/**
 * The drill lab's WAN emulator: one per WAN path, standing where the site's router would be, so
 * that the gateway's unmodified code sees real network faults on loopback (DESIGN.md "The
 * in-process lab").
 *
 * <p>What it models:
 * <ul>
 *   <li><b>Impairments</b> per direction ({@link dev.lifeline.drill.lab.wan.Impairment}), decided
 *       by the pure {@link dev.lifeline.drill.lab.wan.LinkModel}: fixed delay with uniform
 *       jitter (order kept unless reordering is asked for), random loss, Gilbert-Elliott bursty
 *       loss, a rate limit with a bounded queue (queueing delay grows, then tail drop:
 *       bufferbloat), duplication, and blackhole (link down; queued packets are lost too).</li>
 *   <li><b>A NAT</b> for UDP: endpoint-independent mapping (one public port per inside source
 *       address:port, RFC 4787 §4.1), address-and-port-dependent filtering by default
 *       (configurable: endpoint-independent or address-dependent, RFC 4787 §5), an idle timeout
 *       refreshed by outbound traffic (inbound refresh optional), a port change that forgets
 *       every mapping at once like a router reboot, and static mappings (port forwards). Real
 *       NATs drop unsolicited inbound packets; so does this one, and it counts them.</li>
 *   <li><b>A TCP splice</b> for SIP over TCP/TLS: one outbound connection per inbound one,
 *       delay per chunk, blackhole as a stall (no reset).</li>
 *   <li><b>Observation</b>: counters per direction (in, delivered, dropped by reason), typed
 *       events, each fault with the instant it was applied, the zero of a drill's timings, and
 *       a packet listener that sees every UDP packet on the WAN side with its fate
 *       ({@link dev.lifeline.drill.lab.wan.WanPacket}): what the drills measure the gateway's
 *       moves by, without asking the gateway.</li>
 *   <li><b>Randomness</b>: each emulator draws from its own freshly seeded source, so every run
 *       is a new sample of the configured loss (see {@link dev.lifeline.drill.lab.wan.WanConfig#of}).</li>
 * </ul>
 *
 * <p>What it does not model: no kernel link and no real routing (packets to the gateway's path
 * address from elsewhere are not intercepted: it is split-horizon DNS that sends the gateway
 * here); no ICMP (a blackholed or filtered packet vanishes, a port unreachable is never
 * returned); no MTU or fragmentation; no TCP loss or retransmission (a stream only stalls or is
 * delayed); no ALG rewriting of addresses inside SIP or SDP; no hairpinning; no port
 * preservation (mappings get whatever free port the kernel gives); the inside side can reach only
 * the configured targets, one inside address each. Delivery timing uses the event loop's timers,
 * accurate to about a millisecond on an idle machine, less on a busy one.
 *
 * <p>Written here rather than taken from a library because no JVM library emulates a NAT with
 * impairments in user space; tc-netem needs root and network namespaces, which the later
 * kernel-link mode will use. Netty does the socket I/O on one event loop per emulator.
 */
package dev.lifeline.drill.lab.wan;
