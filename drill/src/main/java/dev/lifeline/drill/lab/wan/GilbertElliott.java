package dev.lifeline.drill.lab.wan;

/**
 * The Gilbert-Elliott two-state loss model: a Markov chain between a good and a bad state,
 * evaluated once per packet. In the state it is in, the packet is lost with that state's loss
 * probability; then the chain moves good → bad with probability {@code p} and bad → good with
 * probability {@code r}. With {@code lossInBad = 1} and {@code lossInGood = 0} (the simple
 * Gilbert model) bursts last {@code 1/r} packets on average and the long-run loss rate is
 * {@code p / (p + r)}.
 *
 * @param p          probability of moving from good to bad after a packet, 0..1
 * @param r          probability of moving from bad to good after a packet, 0..1
 * @param lossInBad  loss probability in the bad state (1 − h in the literature), 0..1
 * @param lossInGood loss probability in the good state (1 − k), 0..1
 */
public record GilbertElliott(double p, double r, double lossInBad, double lossInGood) {

    /** No bursty loss: the chain never leaves the good state, which loses nothing. */
    public static final GilbertElliott OFF = new GilbertElliott(0, 1, 0, 0);

    public GilbertElliott {
        Impairment.requireProbability("Gilbert-Elliott p", p);
        Impairment.requireProbability("Gilbert-Elliott r", r);
        Impairment.requireProbability("Gilbert-Elliott lossInBad", lossInBad);
        Impairment.requireProbability("Gilbert-Elliott lossInGood", lossInGood);
    }

    /** The simple Gilbert model: every packet in the bad state is lost, none in the good. */
    public static GilbertElliott gilbert(double p, double r) {
        return new GilbertElliott(p, r, 1, 0);
    }

    /** True when this model can lose anything. */
    public boolean active() {
        return lossInGood > 0 || (p > 0 && lossInBad > 0);
    }

    /** The long-run loss rate: stationary probability of each state times its loss. */
    public double meanLoss() {
        if (p + r == 0) {
            return lossInGood;
        }
        double bad = p / (p + r);
        return bad * lossInBad + (1 - bad) * lossInGood;
    }
}
