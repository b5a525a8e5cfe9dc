package dev.lifeline.drill.scenario;

/**
 * Bursty loss for {@link Action.Impair}: the simple Gilbert model (every packet in the bad state
 * is lost, none in the good one). After each packet the chain moves good → bad with probability
 * {@code p} and bad → good with probability {@code r}, so a burst lasts {@code 1/r} packets on
 * average and the long-run loss is {@code p / (p + r)}.
 *
 * @param p probability of entering a burst after a packet, 0..1
 * @param r probability of leaving a burst after a packet, 0..1 (greater than 0 when p is)
 */
public record BurstLoss(double p, double r) {

    /** No bursts. */
    public static final BurstLoss NONE = new BurstLoss(0, 1);

    public BurstLoss {
        Checks.within("burst p", p, 0, 1);
        Checks.within("burst r", r, 0, 1);
        if (p > 0 && r == 0) {
            throw new IllegalArgumentException("burst r is 0 with p " + Checks.plain(p)
                    + ": the first burst would never end; expected r above 0 (1/r is the mean burst length)");
        }
    }

    /**
     * Bursts of {@code meanLength} packets on average that lose {@code lossPercent} of all
     * packets in the long run: {@code r = 1/meanLength}, {@code p = r·loss/(1 − loss)}.
     */
    public static BurstLoss ofMeanLength(double meanLength, double lossPercent) {
        if (!(meanLength >= 1)) {
            throw new IllegalArgumentException("burst meanLength must be at least 1 packet, got "
                    + Checks.plain(meanLength));
        }
        Checks.within("burst lossPercent", lossPercent, 0, 99);
        double r = 1 / meanLength;
        double loss = lossPercent / 100;
        return new BurstLoss(r * loss / (1 - loss), r);
    }

    /** True when bursts can happen. */
    public boolean active() {
        return p > 0;
    }

    /** Mean packets per burst, 1/r. */
    public double meanLength() {
        return 1 / r;
    }

    /** Long-run share of packets lost to bursts, in percent. */
    public double lossPercent() {
        return p + r == 0 ? 0 : 100 * p / (p + r);
    }
}
