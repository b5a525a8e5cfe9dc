package dev.lifeline.drill.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The validations shared by the scenario records and the YAML loader. Each returns its value,
 * so the loader can use it as a parser, and throws {@link IllegalArgumentException} with a
 * message that quotes the value and says what is expected: the record and the file report the
 * same words.
 */
final class Checks {

    private static final int MAX_QUOTED = 64;

    private Checks() {
    }

    /** The value in double quotes, cut and with control characters replaced, for a message. */
    static String quote(String text) {
        if (text == null) {
            return "nothing";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c != 0x7f ? c : '?');
        }
        return sb.append(text.length() > MAX_QUOTED ? "…\"" : "\"").toString();
    }

    /** A name of something in the site or the lab (a path, a provider target, a scenario setting). */
    static String name(String what, String text) {
        if (text == null || !text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(what + " " + quote(text)
                    + " is not a usable name; expected letters, digits, '-', '_' or '.', e.g. " + example(what));
        }
        return text;
    }

    private static String example(String what) {
        return switch (what) {
            case "path" -> "wan1";
            case "target" -> "sip1";
            default -> "wan-total-loss";
        };
    }

    /** A scenario's name: lower case words joined by '-', as {@code --scenario} takes it. */
    static String scenarioName(String text) {
        if (text == null || !text.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("scenario name " + quote(text)
                    + " is not usable; expected lower-case letters, digits and '-', e.g. wan-total-loss");
        }
        return text;
    }

    /** An extension: the digits a phone registers with. */
    static String extension(String what, String text) {
        if (text == null || !text.matches("\\d{1,15}")) {
            throw new IllegalArgumentException(what + " " + quote(text)
                    + " is not an extension; expected digits, e.g. 1001");
        }
        return text;
    }

    /** A number a phone dials: digits, or E.164 with a leading '+'. */
    static String dialled(String what, String text) {
        if (text == null || !text.matches("\\+?\\d{1,15}")) {
            throw new IllegalArgumentException(what + " " + quote(text)
                    + " is not a dialable number; expected digits or E.164, e.g. 1002, 911 or +15557000");
        }
        return text;
    }

    /** A number in E.164 form (ITU-T E.164 §6). */
    static String e164(String what, String text) {
        if (text == null || !text.matches("\\+[1-9]\\d{1,14}")) {
            throw new IllegalArgumentException(what + " " + quote(text)
                    + " is not an E.164 number; expected '+', the country code and the number, e.g. +15550100");
        }
        return text;
    }

    static String text(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; expected some text");
        }
        return text;
    }

    static Duration positive(String what, Duration d) {
        wholeMillis(what, d);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be longer than zero, got " + format(d));
        }
        return d;
    }

    static Duration notNegative(String what, Duration d) {
        wholeMillis(what, d);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + format(d));
        }
        return d;
    }

    /** Scenario files count in milliseconds; a finer duration could not be written back. */
    private static void wholeMillis(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(what + " must be whole milliseconds, got " + d);
        }
    }

    static int atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    static double within(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be between " + plain(min) + " and " + plain(max)
                    + ", got " + plain(value));
        }
        return value;
    }

    static <T> List<T> list(String what, List<T> values) {
        Objects.requireNonNull(values, what);
        return List.copyOf(values);
    }

    /** A duration as the YAML writes it ("600ms", "5s"), for messages. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        return d.isNegative() ? "-" + dev.lifeline.gateway.config.DurationFormat.format(d.negated())
                : dev.lifeline.gateway.config.DurationFormat.format(d);
    }

    /** A number without a needless ".0": 3 rather than 3.0, 0.25 as is. */
    static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
