package dev.lifeline.gateway.path;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recent probes of one path in a fixed ring (bounded memory: one window plus the probes in
 * flight, {@link QualityModel#capacity()}), and the window summary over them. Times are passed
 * in, so it runs the same on a fake clock. Not thread-safe: the prober keeps it on one thread.
 */
public final class ProbeLog {

    private final QualityModel model;
    private final long[] seqs;
    private final long[] sentNanos;
    private final long[] rttNanos;
    private long nextSeq;
    private long count;

    public ProbeLog(QualityModel model) {
        this.model = model;
        int capacity = model.capacity();
        this.seqs = new long[capacity];
        this.sentNanos = new long[capacity];
        this.rttNanos = new long[capacity];
    }

    /** Records a probe about to be sent and returns its sequence number. */
    public long sent(Instant at) {
        long seq = nextSeq++;
        int slot = slot(seq);
        seqs[slot] = seq;
        sentNanos[slot] = nanos(at);
        rttNanos[slot] = -1;
        count++;
        return seq;
    }

    /**
     * Records an echo. Returns its round trip, or empty when the probe is unknown, already
     * answered (a duplicate) or past the echo deadline (counted as lost).
     */
    public Optional<Duration> echoed(long seq, Instant at) {
        if (seq < 0 || seq >= nextSeq || nextSeq - seq > seqs.length) {
            return Optional.empty();
        }
        int slot = slot(seq);
        if (seqs[slot] != seq || rttNanos[slot] >= 0) {
            return Optional.empty();
        }
        long rtt = nanos(at) - sentNanos[slot];
        if (rtt < 0 || rtt > model.echoDeadline().toNanos()) {
            return Optional.empty();
        }
        rttNanos[slot] = rtt;
        return Optional.of(Duration.ofNanos(rtt));
    }

    /**
     * The summary of the probes sent in the window that ends one echo deadline before
     * {@code now} (so every probe in it has had its chance to come back); empty before any.
     */
    public Optional<QualitySummary> summary(Instant now) {
        long end = nanos(now) - model.echoDeadline().toNanos();
        long start = end - model.window().toNanos();
        List<ProbeOutcome> outcomes = new ArrayList<>();
        long oldest = Math.max(0, nextSeq - Math.min(count, seqs.length));
        for (long seq = oldest; seq < nextSeq; seq++) {
            int slot = slot(seq);
            long sent = sentNanos[slot];
            if (sent > start && sent <= end) {
                Instant at = Instant.ofEpochSecond(0, sent);
                outcomes.add(rttNanos[slot] < 0 ? ProbeOutcome.lost(seq, at)
                        : ProbeOutcome.heard(seq, at, Duration.ofNanos(rttNanos[slot])));
            }
        }
        return outcomes.isEmpty() ? Optional.empty() : Optional.of(QualityStatistics.summarize(outcomes, model));
    }

    private int slot(long seq) {
        return (int) (seq % seqs.length);
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }
}
