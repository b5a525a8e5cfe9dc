package dev.lifeline.media.quality;

/**
 * The transmission parameters of ITU-T G.107 (06/2015) §7, one connection, one direction of
 * listening. {@link #defaults()} holds the default values of G.107 Table 3 (which together rate
 * R = 93.2); change what was measured with the {@code with*} methods or {@link #toBuilder()}.
 * Delays are in milliseconds, levels in dB / dBm0 / dB(A) as G.107 defines them.
 *
 * @param slr                 SLR, send loudness rating (dB)
 * @param rlr                 RLR, receive loudness rating (dB)
 * @param stmr                STMR, sidetone masking rating (dB)
 * @param lstr                LSTR, listener sidetone rating (dB); G.107 Table 3 gives STMR + Dr
 * @param ds                  Ds, D-value of the telephone, send side
 * @param dr                  Dr, D-value of the telephone, receive side
 * @param telr                TELR, talker echo loudness rating (dB)
 * @param wepl                WEPL, weighted echo path loss (dB)
 * @param meanOneWayDelay     T, mean one-way delay of the echo path (ms)
 * @param roundTripDelay      Tr, round-trip delay in a 4-wire loop (ms)
 * @param absoluteDelay       Ta, absolute delay in echo-free connections (ms)
 * @param qdu                 qdu, number of quantizing distortion units
 * @param ie                  Ie, equipment impairment factor of the codec
 * @param bpl                 Bpl, packet-loss robustness factor of the codec
 * @param packetLossPercent   Ppl, random packet-loss probability in percent, [0, 100]
 * @param burstRatio          BurstR, 1 for random loss, greater than 1 for bursty loss
 * @param circuitNoise        Nc, circuit noise referred to the 0 dBr point (dBm0p)
 * @param noiseFloor          Nfor, noise floor at the receive side (dBmp)
 * @param roomNoiseSend       Ps, room noise at the send side (dB(A))
 * @param roomNoiseReceive    Pr, room noise at the receive side (dB(A))
 * @param advantage           A, advantage factor (0 for wirebound)
 * @param minPerceivableDelay mT, minimum perceivable delay (ms), G.107 Table 1
 * @param delaySensitivity    sT, delay sensitivity, G.107 Table 1
 */
public record EModelInput(
        double slr, double rlr, double stmr, double lstr, double ds, double dr,
        double telr, double wepl,
        double meanOneWayDelay, double roundTripDelay, double absoluteDelay,
        double qdu, double ie, double bpl, double packetLossPercent, double burstRatio,
        double circuitNoise, double noiseFloor, double roomNoiseSend, double roomNoiseReceive,
        double advantage, double minPerceivableDelay, double delaySensitivity) {

    private static final EModelInput DEFAULTS = new EModelInput(
            8, 2, 15, 18, 3, 3, 65, 110, 0, 0, 0, 1, 0, 4.3, 0, 1,
            -70, -64, 35, 35, 0, 100, 1);

    public EModelInput {
        requireAtLeast("T", meanOneWayDelay, 0);
        requireAtLeast("Tr", roundTripDelay, 0);
        requireAtLeast("Ta", absoluteDelay, 0);
        requireAtLeast("qdu", qdu, 1);
        requireAtLeast("Ie", ie, 0);
        requireAtLeast("Bpl", bpl, Double.MIN_VALUE);
        requireAtLeast("BurstR", burstRatio, 1);
        requireAtLeast("mT", minPerceivableDelay, Double.MIN_VALUE);
        requireAtLeast("sT", delaySensitivity, Double.MIN_VALUE);
        if (!(packetLossPercent >= 0 && packetLossPercent <= 100)) {
            throw new IllegalArgumentException("Ppl must be a percentage in [0, 100], was " + packetLossPercent);
        }
        for (double v : new double[] {slr, rlr, stmr, lstr, ds, dr, telr, wepl, circuitNoise,
                noiseFloor, roomNoiseSend, roomNoiseReceive, advantage}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("E-model parameters must be finite");
            }
        }
    }

    /** The default values of G.107 Table 3 (G.711 without PLC, no loss, no delay). */
    public static EModelInput defaults() {
        return DEFAULTS;
    }

    public EModelInput withCodec(CodecImpairment codec) {
        return toBuilder().ie(codec.ie()).bpl(codec.bpl()).build();
    }

    /** Packet loss in percent and the burst ratio (1 for random loss). */
    public EModelInput withPacketLoss(double percent, double burstRatio) {
        return toBuilder().packetLossPercent(percent).burstRatio(burstRatio).build();
    }

    /**
     * A VoIP mouth-to-ear delay: the echo path and the absolute delay are the one-way delay
     * (T = Ta) and the 4-wire loop is twice it (Tr = 2T), the usual reading when both ends
     * control echo as G.107 Table 3's TELR assumes.
     */
    public EModelInput withOneWayDelay(double millis) {
        return toBuilder().meanOneWayDelay(millis).absoluteDelay(millis).roundTripDelay(2 * millis).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireAtLeast(String name, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= " + min + ", was " + value);
        }
    }

    /** Changes a few parameters of an input; unset ones keep their values. */
    public static final class Builder {
        private double slr, rlr, stmr, lstr, ds, dr, telr, wepl, t, tr, ta, qdu, ie, bpl, ppl,
                burstR, nc, nfor, ps, pr, a, mT, sT;

        private Builder(EModelInput in) {
            slr = in.slr; rlr = in.rlr; stmr = in.stmr; lstr = in.lstr; ds = in.ds; dr = in.dr;
            telr = in.telr; wepl = in.wepl; t = in.meanOneWayDelay; tr = in.roundTripDelay;
            ta = in.absoluteDelay; qdu = in.qdu; ie = in.ie; bpl = in.bpl; ppl = in.packetLossPercent;
            burstR = in.burstRatio; nc = in.circuitNoise; nfor = in.noiseFloor; ps = in.roomNoiseSend;
            pr = in.roomNoiseReceive; a = in.advantage; mT = in.minPerceivableDelay; sT = in.delaySensitivity;
        }

        public Builder slr(double v) { slr = v; return this; }
        public Builder rlr(double v) { rlr = v; return this; }
        public Builder stmr(double v) { stmr = v; return this; }
        public Builder lstr(double v) { lstr = v; return this; }
        public Builder ds(double v) { ds = v; return this; }
        public Builder dr(double v) { dr = v; return this; }
        public Builder telr(double v) { telr = v; return this; }
        public Builder wepl(double v) { wepl = v; return this; }
        public Builder meanOneWayDelay(double v) { t = v; return this; }
        public Builder roundTripDelay(double v) { tr = v; return this; }
        public Builder absoluteDelay(double v) { ta = v; return this; }
        public Builder qdu(double v) { qdu = v; return this; }
        public Builder ie(double v) { ie = v; return this; }
        public Builder bpl(double v) { bpl = v; return this; }
        public Builder packetLossPercent(double v) { ppl = v; return this; }
        public Builder burstRatio(double v) { burstR = v; return this; }
        public Builder circuitNoise(double v) { nc = v; return this; }
        public Builder noiseFloor(double v) { nfor = v; return this; }
        public Builder roomNoiseSend(double v) { ps = v; return this; }
        public Builder roomNoiseReceive(double v) { pr = v; return this; }
        public Builder advantage(double v) { a = v; return this; }
        public Builder minPerceivableDelay(double v) { mT = v; return this; }
        public Builder delaySensitivity(double v) { sT = v; return this; }

        public EModelInput build() {
            return new EModelInput(slr, rlr, stmr, lstr, ds, dr, telr, wepl, t, tr, ta, qdu, ie, bpl,
                    ppl, burstR, nc, nfor, ps, pr, a, mT, sT);
        }
    }
}
