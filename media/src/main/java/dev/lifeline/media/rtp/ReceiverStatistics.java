package dev.lifeline.media.rtp;

import java.time.Duration;

/**
 * Reception statistics of one RTP source (one SSRC), RFC 3550 Appendix A: source validation
 * and extended sequence numbers (A.1), expected, lost and interval fraction lost (A.3),
 * interarrival jitter (A.8), plus what RTCP does not carry but quality needs: duplicates, late
 * packets and the loss-run burst ratio. Arrival times are nanosecond counts from the caller's
 * clock (any origin, the same for every call), so the class never reads a clock. One instance
 * per source, used from one thread (the source's event loop); no allocation per packet.
 */
public final class ReceiverStatistics {

    /** Packets in sequence before a source counts as valid (A.1). */
    public static final int MIN_SEQUENTIAL = 2;
    /** Largest forward jump still taken as loss rather than a restart (A.1). */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward step still taken as reordering rather than a jump (A.1). */
    public static final int MAX_MISORDER = 100;

    private static final int SEQ_MOD = RtpSequenceNumber.MODULUS;
    /** Positions remembered for duplicate detection; more than MAX_MISORDER so late packets are recognised. */
    private static final int WINDOW = 128;

    private final int clockRate;
    private final double unitsPerNano;

    private boolean started;
    private int probation;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long duplicates;
    private long late;

    private final long[] seen = new long[WINDOW / 64];
    private long nextToFinalize;
    private final LossRunMeter lossRuns = new LossRunMeter();

    private boolean haveTransit;
    private long firstArrivalNanos;
    private double previousArrival;
    private long previousTimestamp;
    private double jitter;

    private boolean haveSenderReport;
    private long lastSenderReportShort;
    private long lastSenderReportArrivalNanos;

    /** @param clockRate RTP timestamp rate of the payload format, e.g. 8000 for G.711 */
    public ReceiverStatistics(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        this.clockRate = clockRate;
        this.unitsPerNano = clockRate / 1e9;
    }

    /** Accounts one arriving packet and says what its sequence number meant. */
    public PacketVerdict received(int seq, long rtpTimestamp, long arrivalNanos) {
        seq &= 0xFFFF;
        if (!started) {
            started = true;
            firstArrivalNanos = arrivalNanos;
            initSequence(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
        }
        PacketVerdict verdict = updateSequence(seq);
        if (verdict == PacketVerdict.RESTARTED) {
            haveTransit = false;   // the sender's timestamps restarted too
        }
        if (verdict.counts() && verdict != PacketVerdict.DUPLICATE) {
            updateJitter(rtpTimestamp, arrivalNanos);
        }
        return verdict;
    }

    /** Remembers an SR from this source so the next report block can echo it as LSR/DLSR. */
    public void senderReportReceived(long ntpTimestamp, long arrivalNanos) {
        haveSenderReport = true;
        lastSenderReportShort = NtpTime.toShort(ntpTimestamp);
        lastSenderReportArrivalNanos = arrivalNanos;
    }

    // --- A.1 -------------------------------------------------------------------------------

    private PacketVerdict updateSequence(int seq) {
        int udelta = RtpSequenceNumber.forwardDistance(seq, maxSeq);
        if (probation > 0) {
            return probe(seq);
        }
        if (udelta < MAX_DROPOUT) {
            return inOrder(seq, udelta);
        }
        if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & 0xFFFF;
                return PacketVerdict.BAD_JUMP;
            }
            // Two packets in sequence after a jump: the sender restarted without telling us.
            flushPending();
            initSequence(seq);
            mark(extendedMax());
            received++;
            return PacketVerdict.RESTARTED;
        }
        return behind(extendedMax() - (SEQ_MOD - udelta));
    }

    private PacketVerdict probe(int seq) {
        if (seq == RtpSequenceNumber.next(maxSeq)) {
            probation--;
            maxSeq = seq;
            if (probation == 0) {
                initSequence(seq);
                mark(extendedMax());
                received++;
                return PacketVerdict.IN_ORDER;
            }
        } else {
            probation = MIN_SEQUENTIAL - 1;
            maxSeq = seq;
        }
        return PacketVerdict.PROBATION;
    }

    private PacketVerdict inOrder(int seq, int udelta) {
        received++;
        if (udelta == 0) {
            // The highest packet again: A.1 counts it, it is still a duplicate.
            duplicates++;
            return PacketVerdict.DUPLICATE;
        }
        long newMax = extendedMax() + udelta;
        advanceWindow(newMax);
        if (seq < maxSeq) {
            cycles += SEQ_MOD;
        }
        maxSeq = seq;
        mark(newMax);
        return PacketVerdict.IN_ORDER;
    }

    private PacketVerdict behind(long ext) {
        received++;
        if (ext >= nextToFinalize && isMarked(ext)) {
            duplicates++;
            return PacketVerdict.DUPLICATE;
        }
        late++;
        if (ext >= nextToFinalize) {
            mark(ext);
        }
        // Older than the window: already settled as lost in the burst measure; only counted here.
        return PacketVerdict.LATE;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;      // not a sequence number
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        duplicates = 0;
        late = 0;
        seen[0] = 0;
        seen[1] = 0;
        nextToFinalize = seq;
    }

    // --- window of recently seen positions, feeding the loss-run meter ----------------------

    /** Settles positions that fall out of the window and clears the slots the new ones take. */
    private void advanceWindow(long newMax) {
        long oldMax = extendedMax();
        while (nextToFinalize <= newMax - WINDOW) {
            long p = nextToFinalize++;
            // Positions past the old maximum were never received; their slots hold stale bits.
            lossRuns.record(p > oldMax || !isMarked(p));
        }
        if (newMax - oldMax >= WINDOW) {
            seen[0] = 0;
            seen[1] = 0;
        } else {
            for (long p = oldMax + 1; p <= newMax; p++) {
                seen[slotWord(p)] &= ~slotBit(p);
            }
        }
    }

    private void flushPending() {
        long max = extendedMax();
        while (nextToFinalize <= max) {
            lossRuns.record(!isMarked(nextToFinalize++));
        }
    }

    private void mark(long ext) {
        seen[slotWord(ext)] |= slotBit(ext);
    }

    private boolean isMarked(long ext) {
        return (seen[slotWord(ext)] & slotBit(ext)) != 0;
    }

    private static int slotWord(long ext) {
        return (int) ((ext & (WINDOW - 1)) >>> 6);
    }

    private static long slotBit(long ext) {
        return 1L << (ext & 63);
    }

    // --- A.8 ------------------------------------------------------------------------------------

    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        double arrival = (arrivalNanos - firstArrivalNanos) * unitsPerNano;
        if (haveTransit) {
            // D(i-1, i) = (Rj − Ri) − (Sj − Si); the int cast keeps the timestamp step right across the 2^32 wrap.
            double d = (arrival - previousArrival) - (int) (rtpTimestamp - previousTimestamp);
            jitter += (Math.abs(d) - jitter) / 16;
        }
        haveTransit = true;
        previousArrival = arrival;
        previousTimestamp = rtpTimestamp;
    }

    // --- A.3 and reports -----------------------------------------------------------------------

    /** True once MIN_SEQUENTIAL packets arrived in sequence. */
    public boolean isValidated() {
        return started && probation == 0;
    }

    /** cycles × 65536 + highest sequence number; what an RR reports (mod 2^32). */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    public long expected() {
        return isValidated() ? extendedMax() - (long) baseSeq + 1 : 0;
    }

    public long received() {
        return received;
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    /** Expected minus received: negative when duplicates outnumber losses (RFC 3550 §6.4.1). */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Share of expected packets never received, not hidden by duplicates; 0 before any. */
    public double lossFraction() {
        long expected = expected();
        if (expected <= 0) {
            return 0;
        }
        return Math.max(0, expected - (received - duplicates)) / (double) expected;
    }

    /** Interarrival jitter in RTP timestamp units, as the running estimate of A.8. */
    public double jitter() {
        return jitter;
    }

    public double jitterMillis() {
        return jitter * 1000 / clockRate;
    }

    /**
     * Burst ratio of the loss pattern so far. Positions still inside the reorder window are
     * counted as they stand now, so a late packet may still turn a counted loss into a receipt.
     */
    public double burstRatio() {
        LossRunMeter meter = lossRuns.copy();
        for (long p = nextToFinalize; p <= extendedMax() && isValidated(); p++) {
            meter.record(!isMarked(p));
        }
        return meter.burstRatio();
    }

    /** Loss since the previous call, in 1/256 (A.3); starts the next interval. */
    public int closeInterval() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }

    /**
     * The report block an RR or SR sends about this source, closing the interval. DLSR is the
     * time from the last SR's arrival to {@code nowNanos}, in the same clock as the arrivals.
     */
    public ReportBlock reportBlock(long ssrc, long nowNanos) {
        int fraction = closeInterval();
        long lost = Math.clamp(cumulativeLost(), ReportBlock.MIN_CUMULATIVE_LOST, ReportBlock.MAX_CUMULATIVE_LOST);
        long lsr = haveSenderReport ? lastSenderReportShort : 0;
        long dlsr = haveSenderReport
                ? NtpTime.toShortUnits(Duration.ofNanos(Math.max(0, nowNanos - lastSenderReportArrivalNanos)))
                : 0;
        return new ReportBlock(ssrc, fraction, (int) lost, extendedMax() & 0xFFFF_FFFFL,
                Math.min((long) jitter, 0xFFFF_FFFFL), lsr, dlsr);
    }

    public ReceptionSnapshot snapshot() {
        return new ReceptionSnapshot(expected(), received, duplicates, late, cumulativeLost(), lossFraction(),
                burstRatio(), jitterMillis());
    }
}
