package dev.lifeline.media.quality;

/**
 * ITU-T G.107 (06/2015) E-model: R = Ro − Is − Id − Ie,eff + A (§7.1) and MOS from R
 * (Annex B). A pure function of {@link EModelInput}; sections are those of G.107 §7.
 */
public final class EModel {

    private EModel() {
    }

    /** R and MOS with every term. */
    public static Rating rate(EModelInput in) {
        double no = totalNoise(in);
        double ro = 15 - 1.5 * (in.slr() + no);
        double ist = sidetoneImpairment(in.stmr(), in.meanOneWayDelay(), in.telr());
        double idte = talkerEchoImpairment(in, no, ist);
        // G.107 §7.4: for STMR > 20 dB talker echo and sidetone combine as Idtes = √(Idte² + Ist²),
        // which then stands for both, so Ist leaves Is.
        if (in.stmr() > 20) {
            idte = Math.sqrt(idte * idte + ist * ist);
            ist = 0;
        }
        double is = loudnessImpairment(in, no) + ist + quantizingImpairment(ro, in.qdu());
        double idle = listenerEchoImpairment(ro, in.wepl(), in.roundTripDelay());
        double idd = absoluteDelayImpairment(in.absoluteDelay(), in.minPerceivableDelay(), in.delaySensitivity());
        double ieEff = effectiveEquipmentImpairment(in.ie(), in.bpl(), in.packetLossPercent(), in.burstRatio());
        double r = ro - is - (idte + idle + idd) - ieEff + in.advantage();
        return new Rating(ro, is, idte, idle, idd, ieEff, in.advantage(), r, mos(r));
    }

    /** The transmission rating factor R alone. */
    public static double rFactor(EModelInput in) {
        return rate(in).r();
    }

    /**
     * G.107 Annex B: estimated MOS_CQE from R, in [1, 4.5]. The Annex B cubic dips just below 1
     * for 0 < R < 6.5 (its slope at R = 0 is −0.007); MOS is a 1..5 scale, so that dip is held at
     * 1, which also keeps MOS non-decreasing in R.
     */
    public static double mos(double r) {
        if (r < 0) {
            return 1;
        }
        if (r > 100) {
            return 4.5;
        }
        return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }

    /**
     * The MOS a call with this codec should reach under random loss and no other impairment:
     * the yardstick a drill compares a measured call against.
     */
    public static double expectedMos(CodecImpairment codec, double lossPercent) {
        return rate(EModelInput.defaults().withCodec(codec).withPacketLoss(lossPercent, 1)).mos();
    }

    /** Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl/BurstR + Bpl) (§7.5). */
    public static double effectiveEquipmentImpairment(double ie, double bpl, double ppl, double burstR) {
        return ie + (95 - ie) * ppl / (ppl / burstR + bpl);
    }

    /**
     * Idd (§7.4): zero up to mT; above it grows with log2(Ta/mT), shaped by the delay
     * sensitivity sT (1 for the default class of users, G.107 Table 1).
     */
    public static double absoluteDelayImpairment(double ta, double mT, double sT) {
        if (ta <= mT) {
            return 0;
        }
        double x = Math.log10(ta / mT) / Math.log10(2);
        double k = 6 * sT;
        return 25 * (Math.pow(1 + Math.pow(x, k), 1 / k) - 3 * Math.pow(1 + Math.pow(x / 3, k), 1 / k) + 2);
    }

    /** No, the power sum of all noise sources referred to the 0 dBr point (§7.2). */
    static double totalNoise(EModelInput in) {
        double olr = in.slr() + in.rlr();
        double nos = in.roomNoiseSend() - in.slr() - in.ds() - 100
                + 0.004 * square(in.roomNoiseSend() - olr - in.ds() - 14);
        double pre = in.roomNoiseReceive() + 10 * Math.log10(1 + Math.pow(10, (10 - in.lstr()) / 10));
        double nor = in.rlr() - 121 + pre + 0.008 * square(pre - 35);
        double nfo = in.noiseFloor() + in.rlr();
        return 10 * Math.log10(Math.pow(10, in.circuitNoise() / 10) + Math.pow(10, nos / 10)
                + Math.pow(10, nor / 10) + Math.pow(10, nfo / 10));
    }

    /** Iolr, the impairment of too low a loudness (§7.3). */
    private static double loudnessImpairment(EModelInput in, double no) {
        double olr = in.slr() + in.rlr();
        double xolr = olr + 0.2 * (64 + no - in.rlr());
        return 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
    }

    /** Ist, non-optimum sidetone (§7.3); STMRo folds in echo returning within T. */
    static double sidetoneImpairment(double stmr, double t, double telr) {
        double stmro = -10 * Math.log10(Math.pow(10, -stmr / 10) + Math.exp(-t / 4) * Math.pow(10, -telr / 10));
        return 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13)
                + 29;
    }

    /** Iq, quantizing distortion (§7.3). */
    private static double quantizingImpairment(double ro, double qdu) {
        double q = 37 - 15 * Math.log10(qdu);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double y = (ro - 100) / 15 + 46 / 8.4 - g / 9;
        double z = 46.0 / 30 - g / 40;
        return 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
    }

    /**
     * Idte, talker echo (§7.4). Below 1 ms echo is heard as sidetone, not echo; with a
     * strong sidetone (STMR below 9 dB) the echo threshold rises by Ist/2 (TERVs). Kept exactly as
     * the standard has it, including its quirk: with good echo loss the bracket is slightly
     * below zero, so for T of 1 to about 4 ms Idte is a small negative number (down to −0.11)
     * and R at T = 1 ms is a little higher than at T = 0.
     */
    private static double talkerEchoImpairment(EModelInput in, double no, double ist) {
        double t = in.meanOneWayDelay();
        if (t < 1) {
            return 0;
        }
        double roe = -1.5 * (no - in.rlr());
        double terv = in.telr() - 40 * Math.log10((1 + t / 10) / (1 + t / 150)) + 6 * Math.exp(-0.3 * t * t);
        if (in.stmr() < 9) {
            terv += ist / 2;
        }
        double re = 80 + 2.5 * (terv - 14);
        double d = roe - re;
        return (d / 2 + Math.sqrt(d * d / 4 + 100) - 1) * (1 - Math.exp(-t));
    }

    /** Idle, listener echo (§7.4). */
    private static double listenerEchoImpairment(double ro, double wepl, double tr) {
        double rle = 10.5 * (wepl + 7) * Math.pow(tr + 1, -0.25);
        double d = ro - rle;
        return d / 2 + Math.sqrt(d * d / 4 + 169);
    }

    private static double square(double v) {
        return v * v;
    }
}
