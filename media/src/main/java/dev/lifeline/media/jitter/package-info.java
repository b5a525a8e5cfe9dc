/**
 * An adaptive playout (jitter) buffer for one received RTP stream, as a receiver's ear would
 * hear it: packets go in with their sequence number, RTP timestamp and arrival time; a 20 ms
 * tick takes one frame out, played or concealed. The buffer's delay follows the observed
 * spread of network transit times (RFC 3550 §A.8's relative transit, taken as a percentile over
 * a sliding window, with a hold on the transit of packets that came too late), between a
 * floor and a ceiling. It grows fast (at a talkspurt boundary, a concealed frame, or in one-frame
 * steps a few ticks apart) and shrinks slowly (one frame at a time, only after the surplus has
 * lasted, and preferably in silence), the way phones' buffers trade delay against late loss.
 *
 * <p>What it reports ({@link dev.lifeline.media.jitter.PlayoutReport}) is what a drill needs to
 * rate a call: packets expected, received, lost (never arrived), late (arrived after their
 * playout, discarded), effective loss, playout delay, RFC 3550 interarrival jitter, the longest
 * stretch with no audio played and a per-interval timeline of played and concealed frames.
 *
 * <p>Pure: time is always an argument (nanoseconds from any fixed origin), nothing here reads
 * a clock, sleeps or does I/O, so the tests drive it with synthetic arrival patterns. Not
 * thread-safe; one stream is driven from one thread. Written here, not taken from a library,
 * because the buffer's decisions are the measurement the drills report: they must be exact,
 * deterministic and explainable (the JVM has no maintained RTP jitter buffer outside of full
 * media stacks such as libjitsi, which would bring a whole media engine for one class).
 *
 * <p>Assumptions: one frame per packet, the frame size fixed by the configuration (20 ms for
 * G.711 as phones send it). Sequence numbers (RFC 3550 §A.1) and timestamps are extended across
 * their wrap. A new SSRC, or a timestamp jump ahead of the playout point by more than
 * {@link dev.lifeline.media.jitter.JitterBufferConfig#resyncAfter}, re-anchors the playout
 * (a sender restart or a long DTX pause); DTX silence without such a jump reads as concealment.
 */
package dev.lifeline.media.jitter;
