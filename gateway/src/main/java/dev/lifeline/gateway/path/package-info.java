/**
 * WAN paths: how healthy each one is, and which one carries the trunk (DESIGN.md F1, F2).
 *
 * <h2>Signals</h2>
 * <ul>
 *   <li><b>Quality probes</b> ({@link dev.lifeline.gateway.path.QualityProber}): on a path with a
 *       reflector, 50 RTP-sized UDP probes a second ({@link dev.lifeline.gateway.path.ProbePacket},
 *       DSCP EF like voice) from the path's address to a
 *       {@link dev.lifeline.gateway.path.ProbeReflector}. Every echo is a sign of life; once a
 *       second {@link dev.lifeline.gateway.path.QualityStatistics} summarises the last 5 s (ending
 *       1 s ago, so no probe still in flight counts as lost): loss %, G.113 burst ratio, mean
 *       RTT, RFC 3550 §6.4.1 jitter, and the ITU-T G.107 E-model R a G.711 call with PLC
 *       (Bpl 25.1, G.113 Appendix I) would get, with mouth-to-ear delay RTT/2 + a fixed 40 ms
 *       jitter buffer + 20 ms packetisation, and echoes later than that buffer allows counted as
 *       lost (that is how jitter costs R).</li>
 *   <li><b>OPTIONS</b> ({@link dev.lifeline.gateway.path.OptionsProbe}, implemented elsewhere): one
 *       round per path every probe interval (1 s), 1 s timeout. Without a reflector these alone
 *       judge the path.</li>
 * </ul>
 *
 * <h2>States ({@link dev.lifeline.gateway.path.FailoverPolicy}, defaults from FailoverSettings)</h2>
 * <pre>
 *   start ──► UP ── silent 600 ms │ 3 OPTIONS failed in a row │ R &lt; 70 for 5 s ──► DOWN
 *   DOWN ── all signals healthy (echoes, last OPTIONS answered, R ≥ 70) ──► RECOVERING
 *   RECOVERING ── 10 s hold-down of that ──► UP
 *   RECOVERING ── any silence, one failed OPTIONS, one window with R &lt; 70 ──► DOWN
 * </pre>
 * Every path starts UP ("assumed up at start") so the trunk registers at once; the evidence
 * takes it down within a second if that was wrong. After a silence, windows that reach back into
 * it are not judged (they describe the outage already acted on), so a path that comes back is not
 * held down for the 5 s its old windows take to age out. The R floor needs R below it in every
 * window for the whole floor window, timed in probe send times, so one 300 ms hiccup (which
 * spoils at most five 1 s-spaced windows) cannot trip it; 3 % random loss rates about 82.
 * Note: 10 % random loss rates R ≈ 66 for G.711 with PLC, below the default floor 70, so it does
 * fail over on quality after 5 s; that is the standard's figure, not a false alarm.
 *
 * <h2>Active path</h2>
 * The best-priority UP path. When the active path goes DOWN, traffic moves at once to the best UP
 * path; with none, to the best RECOVERING path (healthy now, inside its hold-down); with none of
 * those either, to nothing, and survival mode is on. Survival mode ends as soon as a path is
 * RECOVERING: the hold-down guards against flapping between working paths, not against using the
 * only one that works. A RECOVERING path in use keeps the traffic while it stays healthy, but it
 * only counts as UP (for failback to it) after its hold-down. With preemptive
 * failback a better path that is UP again takes the traffic back. Flap damping: a failback is made
 * only while it leaves room, within {@code maxSwitches} path-to-path switches per
 * {@code switchWindow}, for the forced switch that path's next failure would cause (so a flapping
 * preferred path cannot exceed the limit); while failbacks are held back a recovering path's
 * hold-down is doubled. A forced switch away from a down path is never held back.
 *
 * <h2>Pinning a path to its device</h2>
 * A path's {@code interface:} pins its SIP, relay and probe sockets to the device (SO_BINDTODEVICE)
 * so they leave by its uplink without policy routing; {@link dev.lifeline.gateway.path.PathDevices}
 * maps addresses to devices for the transports and tries each device once before any socket opens,
 * so a device that cannot be used stops the start with one line naming the path.
 *
 * <h2>Why hand-written</h2>
 * Path health with hysteresis is the product's core and must be testable as a pure function on a
 * fake clock (the policy has no clock, no threads, no I/O); routing daemons and SIP proxies that do
 * this bury it in shared state (STYLE.md). The statistics reuse the media module's E-model and
 * loss-run meter; the I/O ({@link dev.lifeline.gateway.path.PathManager}) is a thin Netty edge that
 * feeds inputs to the policy on one scheduler thread and acts on its answer.
 */
package dev.lifeline.gateway.path;
