package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the configuration: a whole number and a unit, e.g.
 * {@code 600ms}, {@code 1s}, {@code 5m}, {@code 2h}, {@code 1d}. A bare number is refused on
 * purpose: "25" could be seconds or milliseconds, and guessing wrong on a NAT keepalive
 * loses calls.
 */
public final class DurationFormat {

    private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*(ms|s|m|h|d)");
    private static final String EXPECTED = "expected a whole number and a unit (ms, s, m, h, d), e.g. 600ms, 1s or 5m";

    private DurationFormat() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is expected. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            if (text.strip().matches("\\d+(\\.\\d+)?")) {
                throw new IllegalArgumentException(Scalars.quote(text) + " has no unit; " + EXPECTED);
            }
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a duration; " + EXPECTED);
        }
        long n = Long.parseLong(m.group(1));
        try {
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is too long; " + EXPECTED, e);
        }
    }

    /** The shortest form {@link #parse} reads back to the same duration, e.g. "600ms", "5m". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
