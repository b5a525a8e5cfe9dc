package dev.lifeline.media.quality;

/**
 * The E-model's answer with its terms, so a report can say why a call rated as it did
 * (ITU-T G.107 §7.1: R = Ro − Is − Id − Ie,eff + A; MOS per Annex B).
 *
 * @param ro    basic signal-to-noise ratio Ro
 * @param is    simultaneous impairment Is = Iolr + Ist + Iq
 * @param idte  talker echo impairment
 * @param idle  listener echo impairment
 * @param idd   impairment of absolute delay Ta
 * @param ieEff effective equipment impairment, codec plus packet loss
 * @param a     advantage factor A
 * @param r     transmission rating factor R
 * @param mos   estimated conversational MOS (MOS_CQE) from R
 */
public record Rating(double ro, double is, double idte, double idle, double idd, double ieEff,
                     double a, double r, double mos) {

    /** Delay impairment Id = Idte + Idle + Idd. */
    public double id() {
        return idte + idle + idd;
    }
}
