package dev.lifeline.drill.run;

import java.util.Map;
import java.util.Optional;

/**
 * The yardstick for loss-audio-quality, written down as data rather than computed by the
 * E-model it checks: ITU-T G.107 (06/2015) MOS-CQE for G.711 with packet loss concealment at
 * random packet loss, every other parameter at its Table 3 default (SLR 8, RLR 2, STMR 15,
 * LSTR 18, Ds = Dr = 3, TELR 65, WEPL 110, T = Tr = Ta = 0, qdu 1, Nc −70, Nfor −64,
 * Ps = Pr = 35, A 0), with G.113 Appendix I's Ie = 0 and Bpl = 25.1.
 *
 * <p>Worked by hand from G.107 §7: Ro = 94.77, Is = 1.41, Id = 0.15, so R = 93.2 at no loss
 * (the value G.107 itself gives for the defaults); Ie,eff = 95 · Ppl / (Ppl + 25.1) is 3.64,
 * 10.14 and 15.78 at 1, 3 and 5 %; MOS = 1 + 0.035 R + R (R − 60)(100 − R) · 7·10⁻⁶ (Annex B).
 *
 * <pre>
 *  loss   R      MOS-CQE
 *  0 %    93.2   4.41
 *  1 %    89.6   4.33
 *  3 %    83.1   4.13
 *  5 %    77.4   3.92
 * </pre>
 *
 * A phone's own rating also carries its mouth-to-ear delay (tens of milliseconds in the lab,
 * worth a few hundredths of MOS), which these defaults leave out.
 */
final class G107Reference {

    /** Configured random loss, percent → MOS-CQE. */
    private static final Map<Double, Double> G711_PLC = Map.of(
            0.0, 4.41,
            1.0, 4.33,
            3.0, 4.13,
            5.0, 3.92);

    private G107Reference() {
    }

    /** The reference MOS-CQE at {@code lossPercent} random loss; empty for a loss the table does not hold. */
    static Optional<Double> g711WithPlc(double lossPercent) {
        return Optional.ofNullable(G711_PLC.get(lossPercent + 0.0));
    }

    /** The losses the table holds, percent. */
    static java.util.Set<Double> losses() {
        return G711_PLC.keySet();
    }
}
