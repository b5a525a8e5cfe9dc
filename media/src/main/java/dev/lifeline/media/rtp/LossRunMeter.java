package dev.lifeline.media.rtp;

/**
 * Burst ratio of a loss pattern (ITU-T G.113 Appendix I, used as BurstR by G.107 §7.5): the mean
 * length of observed loss runs divided by the mean run length random loss of the same rate
 * would give, 1/(1 − Ppl). Equal to 1/(p + q) for a two-state Gilbert model with p = P(loss
 * after a received packet) and q = P(receipt after a loss). 1 means random, above 1 bursty.
 * Fed one packet position at a time in sequence order. Not thread-safe.
 */
public final class LossRunMeter {

    private long positions;
    private long lost;
    private long runs;
    private boolean previousLost;

    /** Records the next position in sequence order. */
    public void record(boolean wasLost) {
        positions++;
        if (wasLost) {
            lost++;
            if (!previousLost) {
                runs++;
            }
        }
        previousLost = wasLost;
    }

    public long positions() {
        return positions;
    }

    public long lost() {
        return lost;
    }

    /** Number of maximal runs of consecutive losses. */
    public long lossRuns() {
        return runs;
    }

    /**
     * The burst ratio; 1 when nothing or everything was lost, where burstiness is undefined.
     * Short samples can give values below 1 (losses more spread out than random would be).
     */
    public double burstRatio() {
        if (lost == 0 || lost == positions) {
            return 1;
        }
        double meanRun = (double) lost / runs;
        double lossRate = (double) lost / positions;
        return meanRun * (1 - lossRate);
    }

    LossRunMeter copy() {
        LossRunMeter c = new LossRunMeter();
        c.positions = positions;
        c.lost = lost;
        c.runs = runs;
        c.previousLost = previousLost;
        return c;
    }
}
