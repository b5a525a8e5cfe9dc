package dev.lifeline.drill.report;

import dev.lifeline.drill.scenario.Metrics;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as people read them in reports: units kept, no needless digits, always a dot. */
public final class Figures {

    private Figures() {
    }

    /**
     * A metric's value with its unit: "0.62 s", "180 ms", "MOS-CQE 4.12", "3". A MOS here is always
     * the E-model's estimate of conversational quality, MOS-CQE in ITU-T P.800.1's terms, never a
     * listening test's score.
     */
    public static String metric(String name, double value) {
        return switch (Metrics.unit(name)) {
            case "s" -> seconds(value);
            case "ms" -> plain(value, 0) + " ms";
            case "%" -> plain(value, 2) + " %";
            case "MOS" -> "MOS-CQE " + mos(value);
            default -> plain(value, 2);
        };
    }

    /** Seconds: two decimals below 10 s, one below 100 s, whole seconds above; "1.2 s", "0.62 s". */
    public static String seconds(double s) {
        int decimals = Math.abs(s) < 10 ? 2 : Math.abs(s) < 100 ? 1 : 0;
        return plain(s, decimals) + " s";
    }

    /** A MOS with two decimals: "4.10". */
    public static String mos(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Rounded to at most {@code decimals}, trailing zeros dropped: 1.20 → "1.2", 3.0 → "3". */
    public static String plain(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
