package dev.lifeline.media.jitter;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a listener got from one received stream, from a {@link JitterBuffer}.
 *
 * @param expected    packets the sender sent as far as sequence numbers tell (first to highest seen)
 * @param received    distinct packets that arrived, in time or late
 * @param lost        packets that never arrived: expected − received
 * @param late        packets that arrived after their playout time and were discarded
 * @param duplicates  copies dropped
 * @param played      frames played
 * @param concealed   frames concealed after playout began
 * @param inserted    frames inserted to grow the delay
 * @param skipped     frames dropped to shrink the delay (chosen in silence where possible)
 * @param meanDelay   mean time a played packet waited in the buffer (arrival to playout)
 * @param maxDelay    longest such wait
 * @param targetDelay the target delay when the report was taken
 * @param jitter      RFC 3550 §6.4.1 interarrival jitter (in arrival order)
 * @param burstRatio  G.113 Appendix I burst ratio of the frames not heard (1 for random loss)
 * @param audioGap    longest stretch with no audio played once playout began (the whole time
 *                    when nothing ever played)
 * @param firstAudio  time from the buffer's creation to the first frame played
 * @param resyncs     times the playout was re-anchored (new SSRC or timestamp jump)
 * @param timeline    per-interval counts from the buffer's creation
 */
public record PlayoutReport(long expected, long received, long lost, long late, long duplicates,
                            long played, long concealed, long inserted, long skipped,
                            Duration meanDelay, Duration maxDelay, Duration targetDelay, Duration jitter,
                            double burstRatio, Duration audioGap, Optional<Duration> firstAudio, int resyncs,
                            List<PlayoutInterval> timeline) {

    public PlayoutReport {
        timeline = List.copyOf(timeline);
    }

    /** Packets not heard, lost plus late, over packets expected; 0 when nothing was expected. */
    public double effectiveLossFraction() {
        return expected == 0 ? 0 : Math.min(1, (double) (lost + late) / expected);
    }

    public double effectiveLossPercent() {
        return 100 * effectiveLossFraction();
    }

    public double lostPercent() {
        return expected == 0 ? 0 : 100.0 * lost / expected;
    }

    public double latePercent() {
        return expected == 0 ? 0 : 100.0 * late / expected;
    }
}
