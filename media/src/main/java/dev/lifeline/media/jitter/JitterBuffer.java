package dev.lifeline.media.jitter;

import dev.lifeline.media.rtp.LossRunMeter;
import dev.lifeline.media.rtp.RtpSequenceNumber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An adaptive playout buffer for one RTP stream (see the package documentation). Feed it with
 * {@link #offer} as packets arrive and call {@link #tick} once per frame (every 20 ms); read
 * the result with {@link #report}. All times are nanoseconds on one caller-chosen clock.
 *
 * <p>The delay is kept as {@code cur = now − sendTime(due frame) − minTransit}: how long the
 * frame due now has been "on its way" beyond the fastest transit of the window. A packet whose
 * transit exceeds {@code minTransit + cur} misses its tick and is late. The target for
 * {@code cur} is the chosen percentile of recent transits above the minimum (and at least the
 * transit of a recent late packet), clamped to [minDelay, maxDelay].
 */
public final class JitterBuffer {

    /** Remembered sequence numbers for duplicate detection: 82 s of 20 ms packets. */
    private static final int SEEN = 4096;
    /** Extended timestamps start here so that packets reordered before the first stay positive. */
    private static final long TS_ORIGIN = 1L << 32;
    /** Recompute the percentile after this many arrivals, not on every one. */
    private static final int RECOMPUTE_EVERY = 4;
    /**
     * Late packets in a row, none in time between them, arriving at the stream's pace over
     * {@link #LATE_RUN_SPAN_NANOS}: a step in the path's delay (a slower route, a queue that
     * filled), not jitter, so play from the new delay at once. Waiting for the old, faster
     * transits to leave the window would keep the call silent for the whole window (5 s), and a
     * step beyond the maximum delay would never be played at all. A stall that releases its
     * queue at once delivers its late packets together, within a few milliseconds: that is
     * handled by growing the buffer, not by a restart.
     */
    private static final int LATE_RUN_RESYNC = 10;
    private static final long LATE_RUN_SPAN_NANOS = 150_000_000L;

    private final JitterBufferConfig config;
    private final long createdNanos;
    private final int frameSamples;
    private final long frameNanos;
    private final long minDelay;
    private final long maxDelay;
    private final long growSpacingTicks;
    private final long shrinkAfterTicks;
    private final long resyncSamples;

    // ---- sequence accounting (per SSRC segment, folded into totals on a new SSRC) ------------
    private boolean anyPacket;
    private long ssrc;
    private long baseExtSeq;
    private long maxExtSeq;
    private long segmentReceived;
    private final long[] seen = new long[SEEN];
    private long expectedBefore;
    private long receivedBefore;
    private long late;
    private int lateRun;
    private long lateRunSinceNanos;
    private long duplicates;

    // ---- timestamps and transit --------------------------------------------------------------
    private long lastExtTs;
    /** The RTP timestamp that extended timestamp {@link #TS_ORIGIN} stands for. */
    private long anchorTimestamp;
    private final long[] transits;
    private int transitCount;
    private int transitNext;
    private int arrivalsSinceCompute = RECOMPUTE_EVERY;
    private long minTransit;
    private long quantileTransit;
    private long lateHoldTransit = Long.MIN_VALUE;
    private long lateHoldUntil;
    private long arrivals;
    private boolean haveLastTransit;
    private long lastTransit;
    private double jitterNanos;

    // ---- playout -----------------------------------------------------------------------------
    private final TreeMap<Long, Held> buffer = new TreeMap<>();
    private boolean started;
    private boolean everStarted;
    private long nextTs;
    private long ticksSinceGrow = Long.MAX_VALUE / 2;
    private long ticksInSurplus;
    private long played;
    private long concealed;
    private long inserted;
    private long skipped;
    private long delaySum;
    private long delayMax;
    private long gapRun;
    private long longestGap;
    private long firstAudioNanos = -1;
    private int resyncs;
    private final LossRunMeter unheard = new LossRunMeter();

    // ---- timeline ----------------------------------------------------------------------------
    private final long intervalNanos;
    private final List<PlayoutInterval> timeline = new ArrayList<>();
    private long intervalIndex;
    private int iPlayed;
    private int iConcealed;
    private int iInserted;
    private int iSkipped;
    private int iLate;

    private record Held(long arrivalNanos, boolean marker, boolean silence) {
    }

    /** A buffer created at {@code createdNanos} (e.g. when the call was answered). */
    public JitterBuffer(JitterBufferConfig config, long createdNanos) {
        this.config = config;
        this.createdNanos = createdNanos;
        this.frameSamples = config.samplesPerFrame();
        this.frameNanos = config.frame().toNanos();
        this.minDelay = config.minDelay().toNanos();
        this.maxDelay = config.maxDelay().toNanos();
        this.growSpacingTicks = Math.max(1, config.growSpacing().toNanos() / frameNanos);
        this.shrinkAfterTicks = Math.max(1, config.shrinkAfter().toNanos() / frameNanos);
        this.resyncSamples = config.resyncAfter().toNanos() * config.clockRate() / 1_000_000_000L;
        this.transits = new long[config.window()];
        this.intervalNanos = config.timelineInterval().toNanos();
        this.minTransit = 0;
    }

    public JitterBufferConfig config() {
        return config;
    }

    // ==== arrivals ================================================================================

    /** Takes an arriving packet; says whether it was buffered, late or a duplicate. */
    public ArrivalVerdict offer(RtpArrival packet) {
        if (anyPacket && packet.ssrc() != ssrc) {
            newSource();
        }
        long extSeq = extendSequence(packet.sequence());
        int slot = (int) (extSeq & (SEEN - 1));
        if (anyPacket && seen[slot] == extSeq + 1) {
            duplicates++;
            return ArrivalVerdict.DUPLICATE;
        }
        seen[slot] = extSeq + 1;
        if (!anyPacket) {
            anyPacket = true;
            ssrc = packet.ssrc();
            baseExtSeq = extSeq;
            maxExtSeq = extSeq;
            lastExtTs = TS_ORIGIN;
            anchorTimestamp = packet.timestamp();
        } else {
            baseExtSeq = Math.min(baseExtSeq, extSeq);
            maxExtSeq = Math.max(maxExtSeq, extSeq);
        }
        segmentReceived++;
        long extTs = extendTimestamp(packet.timestamp());
        if (started && extTs - nextTs > resyncSamples) {
            reanchor(packet.timestamp());
            extTs = TS_ORIGIN;
        }
        long transit = packet.arrivalNanos() - tsNanos(extTs);
        if (started && extTs < nextTs && lateRun + 1 >= LATE_RUN_RESYNC
                && packet.arrivalNanos() - lateRunSinceNanos >= LATE_RUN_SPAN_NANOS) {
            restartAfterDelayStep();
        }
        recordTransit(transit);
        if (started && extTs < nextTs) {
            if (lateRun++ == 0) {
                lateRunSinceNanos = packet.arrivalNanos();
            }
            return late(transit, packet.arrivalNanos());
        }
        if (buffer.size() >= config.capacity() && !buffer.containsKey(extTs)) {
            return late(transit, packet.arrivalNanos());
        }
        lateRun = 0;
        buffer.put(extTs, new Held(packet.arrivalNanos(), packet.marker(), packet.silence()));
        return ArrivalVerdict.BUFFERED;
    }

    private ArrivalVerdict late(long transit, long arrivalNanos) {
        late++;
        countLateInTimeline(arrivalNanos);
        // Grow fast: a packet that missed its tick holds the target at its transit for a window.
        if (transit > lateHoldTransit || arrivals > lateHoldUntil) {
            lateHoldTransit = transit;
        }
        lateHoldUntil = arrivals + config.window();
        return ArrivalVerdict.LATE;
    }

    private void countLateInTimeline(long arrivalNanos) {
        rollTimeline(arrivalNanos);
        iLate++;
    }

    private long extendSequence(int seq) {
        if (!anyPacket) {
            return (1L << 16) + seq;   // room below for packets reordered before the first
        }
        return maxExtSeq + RtpSequenceNumber.diff(seq, (int) (maxExtSeq & 0xFFFF));
    }

    private long extendTimestamp(long ts) {
        // lastExtTs stands for RTP timestamp (anchorTimestamp + lastExtTs − TS_ORIGIN) mod 2^32.
        long lastRtp = (anchorTimestamp + lastExtTs - TS_ORIGIN) & 0xFFFF_FFFFL;
        long ext = lastExtTs + (int) (ts - lastRtp);
        lastExtTs = Math.max(lastExtTs, ext);
        return ext;
    }

    private long tsNanos(long extTs) {
        return (extTs - TS_ORIGIN) * 1_000_000_000L / config.clockRate();
    }

    private void recordTransit(long transit) {
        arrivals++;
        if (haveLastTransit) {
            // RFC 3550 §6.4.1 / A.8: J += (|D| − J) / 16.
            jitterNanos += (Math.abs(transit - lastTransit) - jitterNanos) / 16;
        }
        haveLastTransit = true;
        lastTransit = transit;
        transits[transitNext] = transit;
        transitNext = (transitNext + 1) % transits.length;
        transitCount = Math.min(transitCount + 1, transits.length);
        if (++arrivalsSinceCompute >= RECOMPUTE_EVERY || transitCount <= RECOMPUTE_EVERY) {
            recomputeWindow();
        }
    }

    private void recomputeWindow() {
        arrivalsSinceCompute = 0;
        long[] sorted = Arrays.copyOf(transits, transitCount);
        Arrays.sort(sorted);
        minTransit = sorted[0];
        int index = (int) Math.ceil(config.quantile() * sorted.length) - 1;
        quantileTransit = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A new SSRC: the old stream's counts are kept, the new one is accounted and played afresh. */
    private void newSource() {
        expectedBefore += maxExtSeq - baseExtSeq + 1;
        receivedBefore += segmentReceived;
        segmentReceived = 0;
        anyPacket = false;
        Arrays.fill(seen, 0);
        haveLastTransit = false;
        transitCount = 0;
        transitNext = 0;
        lateHoldTransit = Long.MIN_VALUE;
        if (started) {
            resyncs++;
        }
        skipped += buffer.size();
        buffer.clear();
        started = false;
    }

    /**
     * Every packet misses its tick: the path's delay stepped up. Forget the transits of the old
     * delay and start playing again from the next packet, after the initial delay.
     */
    private void restartAfterDelayStep() {
        resyncs++;
        lateRun = 0;
        skipped += buffer.size();
        buffer.clear();
        started = false;
        transitCount = 0;
        transitNext = 0;
        haveLastTransit = false;
        lateHoldTransit = Long.MIN_VALUE;
    }

    /** The timestamp jumped far ahead (a long pause or a sender restart): play from it afresh. */
    private void reanchor(long timestamp) {
        resyncs++;
        skipped += buffer.size();
        buffer.clear();
        started = false;
        anchorTimestamp = timestamp;
        lastExtTs = TS_ORIGIN;
        transitCount = 0;
        transitNext = 0;
        haveLastTransit = false;
        lateHoldTransit = Long.MIN_VALUE;
    }

    // ==== playout =================================================================================

    /** One playout tick: takes the frame due out of the buffer (or conceals it). */
    public Playout tick(long nowNanos) {
        Playout playout = playOne(nowNanos);
        account(playout, nowNanos);
        return playout;
    }

    private Playout playOne(long now) {
        if (!started) {
            if (buffer.isEmpty() || !readyToStart(now)) {
                return Playout.WAITING;
            }
            started = true;
            everStarted = true;
            nextTs = buffer.firstKey();
            ticksInSurplus = 0;
        }
        long cur = now - tsNanos(nextTs) - minTransit;
        long target = targetDelayNanos();
        Map.Entry<Long, Held> due = dueFrame();
        boolean boundary = due == null || due.getValue().silence() || due.getValue().marker();
        ticksSinceGrow++;
        if (cur < target) {
            ticksInSurplus = 0;
            if (boundary || ticksSinceGrow >= growSpacingTicks) {
                ticksSinceGrow = 0;
                inserted++;
                iInserted++;
                return Playout.INSERTED;
            }
        } else if (cur - frameNanos >= target + config.shrinkHysteresis().toNanos()) {
            ticksInSurplus++;
            boolean inSilence = due != null && due.getValue().silence();
            if (due != null && ticksInSurplus >= shrinkAfterTicks && (inSilence || ticksInSurplus >= 5 * shrinkAfterTicks)) {
                buffer.remove(due.getKey());
                nextTs = due.getKey() + frameSamples;
                skipped++;
                iSkipped++;
                ticksInSurplus = 0;
                due = dueFrame();
            }
        } else {
            ticksInSurplus = 0;
        }
        if (due == null) {
            nextTs += frameSamples;
            return Playout.CONCEALED;
        }
        buffer.remove(due.getKey());
        nextTs = due.getKey() + frameSamples;
        long delay = Math.max(0, now - due.getValue().arrivalNanos());
        delaySum += delay;
        delayMax = Math.max(delayMax, delay);
        return Playout.PLAYED;
    }

    /** The packet covering the frame due now: timestamp in [nextTs, nextTs + frame). */
    private Map.Entry<Long, Held> dueFrame() {
        Map.Entry<Long, Held> e = buffer.ceilingEntry(nextTs);
        return e != null && e.getKey() < nextTs + frameSamples ? e : null;
    }

    private boolean readyToStart(long now) {
        long firstArrival = Long.MAX_VALUE;
        for (Held h : buffer.values()) {
            firstArrival = Math.min(firstArrival, h.arrivalNanos());
        }
        return now - firstArrival >= config.initialDelay().toNanos();
    }

    /** The delay the buffer aims for above the fastest transit of the window. */
    private long targetDelayNanos() {
        if (transitCount == 0) {
            return Math.max(minDelay, Math.min(maxDelay, config.initialDelay().toNanos()));
        }
        long spread = quantileTransit - minTransit;
        if (lateHoldTransit != Long.MIN_VALUE && arrivals <= lateHoldUntil) {
            spread = Math.max(spread, lateHoldTransit - minTransit);
        }
        return Math.max(minDelay, Math.min(maxDelay, spread));
    }

    private void account(Playout playout, long now) {
        rollTimeline(now);
        switch (playout) {
            case PLAYED -> {
                played++;
                iPlayed++;
                unheard.record(false);
                if (firstAudioNanos < 0) {
                    firstAudioNanos = now;
                }
            }
            case CONCEALED -> {
                concealed++;
                iConcealed++;
                unheard.record(true);
            }
            case WAITING -> {
                if (everStarted) {
                    concealed++;
                    iConcealed++;
                }
            }
            case INSERTED -> { }
        }
        if (playout == Playout.PLAYED) {
            gapRun = 0;
        } else if (everStarted) {
            gapRun++;
            longestGap = Math.max(longestGap, gapRun);
        }
    }

    private void rollTimeline(long now) {
        long index = Math.max(0, (now - createdNanos) / intervalNanos);
        while (intervalIndex < index) {
            closeInterval();
        }
    }

    private void closeInterval() {
        timeline.add(currentInterval());
        intervalIndex++;
        iPlayed = 0;
        iConcealed = 0;
        iInserted = 0;
        iSkipped = 0;
        iLate = 0;
    }

    private PlayoutInterval currentInterval() {
        return new PlayoutInterval(Duration.ofNanos(intervalIndex * intervalNanos), iPlayed, iConcealed, iInserted,
                iSkipped, iLate, Duration.ofNanos(targetDelayNanos()));
    }

    // ==== results =================================================================================

    /** The current target delay above the fastest transit. */
    public Duration targetDelay() {
        return Duration.ofNanos(targetDelayNanos());
    }

    /** Packets held now. */
    public int buffered() {
        return buffer.size();
    }

    /** Everything measured so far; the interval in progress at {@code nowNanos} ends the timeline. */
    public PlayoutReport report(long nowNanos) {
        long expected = expectedBefore + (anyPacket ? maxExtSeq - baseExtSeq + 1 : 0);
        long received = receivedBefore + segmentReceived;
        long lost = Math.max(0, expected - received);
        List<PlayoutInterval> lines = new ArrayList<>(timeline);
        long index = Math.max(0, (nowNanos - createdNanos) / intervalNanos);
        if (index >= intervalIndex) {
            lines.add(currentInterval());
        }
        Duration gap = everStarted ? Duration.ofNanos(longestGap * frameNanos)
                : Duration.ofNanos(Math.max(0, nowNanos - createdNanos));
        return new PlayoutReport(expected, received, lost, late, duplicates, played, concealed, inserted, skipped,
                Duration.ofNanos(played == 0 ? 0 : delaySum / played), Duration.ofNanos(delayMax),
                Duration.ofNanos(targetDelayNanos()), Duration.ofNanos(Math.round(jitterNanos)),
                unheard.burstRatio(), gap,
                firstAudioNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstAudioNanos - createdNanos)),
                resyncs, lines);
    }
}
