package dev.lifeline.gateway.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers for the single values of the configuration. Each throws
 * {@link IllegalArgumentException} whose message quotes the value (never a secret's) and
 * says what is expected, because that message is what the engineer reads.
 */
final class Scalars {

    private static final int MAX_QUOTED = 64;
    private static final Map<String, Integer> DSCP_NAMES = Map.ofEntries(
            Map.entry("ef", 46), Map.entry("cs0", 0), Map.entry("cs1", 8), Map.entry("cs2", 16),
            Map.entry("cs3", 24), Map.entry("cs4", 32), Map.entry("cs5", 40), Map.entry("cs6", 48),
            Map.entry("cs7", 56), Map.entry("af11", 10), Map.entry("af12", 12), Map.entry("af13", 14),
            Map.entry("af21", 18), Map.entry("af22", 20), Map.entry("af23", 22), Map.entry("af31", 26),
            Map.entry("af32", 28), Map.entry("af33", 30), Map.entry("af41", 34), Map.entry("af42", 36),
            Map.entry("af43", 38));

    private Scalars() {
    }

    /** The value in double quotes, cut and with control characters replaced, for a message. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c != 0x7f ? c : '?');
        }
        return sb.append(text.length() > MAX_QUOTED ? "…\"" : "\"").toString();
    }

    /** A dialable number made of digits: an extension, a group, an emergency number. */
    static Function<String, String> digits(String example) {
        return text -> {
            if (!text.matches("\\d{1,15}")) {
                throw new IllegalArgumentException(quote(text) + " is not a number; expected digits, e.g. " + example);
            }
            return text;
        };
    }

    /** A number in E.164 form, "+" and up to 15 digits (ITU-T E.164 §6). */
    static String e164(String text) {
        String t = text.replace(" ", "");
        if (!t.matches("\\+[1-9]\\d{1,14}")) {
            throw new IllegalArgumentException(quote(text)
                    + " is not an E.164 number; expected '+', the country code and the number, e.g. +15550100");
        }
        return t;
    }

    /** A name others refer to (trunks, paths): letters, digits, '-', '_' and '.'. */
    static String name(String text) {
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(quote(text)
                    + " is not a usable name; expected letters, digits, '-', '_' or '.', e.g. provider or wan1");
        }
        return text;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(quote(text) + " is not a yes/no value; expected true or false");
        };
    }

    static Function<String, Integer> integer(int min, int max) {
        return text -> {
            if (!text.matches("-?\\d{1,10}")) {
                throw new IllegalArgumentException(quote(text) + " is not a whole number; expected " + min + "-" + max);
            }
            long n = Long.parseLong(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is out of range; expected " + min + "-" + max);
            }
            return (int) n;
        };
    }

    /** A regular expression, matched against the whole dialled number. */
    static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(quote(text) + " is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + "; expected a Java regex, e.g. 9(\\d{7,15})");
        }
    }

    /** A DSCP code point, as a number 0-63 or a PHB name (EF, CS3, AF41…). */
    static int dscp(String text) {
        Integer named = DSCP_NAMES.get(text.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        if (text.matches("\\d{1,2}") && Integer.parseInt(text) <= 63) {
            return Integer.parseInt(text);
        }
        throw new IllegalArgumentException(quote(text) + " is not a DSCP value; expected 0-63 or a name such as EF (46) or CS3 (24)");
    }

    /** One of a fixed set of words, written in lower case. */
    static <E extends Enum<E>> Function<String, E> choice(Class<E> type, Function<E, String> spelling) {
        return text -> {
            for (E e : type.getEnumConstants()) {
                if (spelling.apply(e).equalsIgnoreCase(text)) {
                    return e;
                }
            }
            StringBuilder all = new StringBuilder();
            for (E e : type.getEnumConstants()) {
                all.append(all.isEmpty() ? "" : ", ").append(spelling.apply(e));
            }
            throw new IllegalArgumentException(quote(text) + " is not one of " + all);
        };
    }

    static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(quote(text) + " is not a file path: " + e.getReason());
        }
    }

    /** A secret must be present; its text never goes into a message. */
    static String secret(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a secret");
        }
        return text;
    }

    /** Two numbers {@code low-high}, e.g. a port range {@code 10000-20000} or a band {@code 0.8-1.0}. */
    static double[] range(String text, String example) {
        String[] parts = text.split("\\s*-\\s*");
        if (parts.length != 2 || !parts[0].matches("\\d+(\\.\\d+)?") || !parts[1].matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException(quote(text) + " is not a range; expected low-high, e.g. " + example);
        }
        double low = Double.parseDouble(parts[0]);
        double high = Double.parseDouble(parts[1]);
        if (low > high) {
            throw new IllegalArgumentException(quote(text) + " runs backwards; expected low-high, e.g. " + example);
        }
        return new double[] {low, high};
    }

    /** A whole number from 1 to 1,000,000,000. */
    static int positiveInt(String text) {
        if (!text.matches("\\d{1,10}") || Long.parseLong(text) < 1 || Long.parseLong(text) > 1_000_000_000L) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number from 1 to 1000000000");
        }
        return Integer.parseInt(text);
    }

    /** A duration greater than zero. */
    static java.time.Duration positiveDuration(String text) {
        java.time.Duration d = DurationFormat.parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException(quote(text) + " is zero; expected a duration greater than zero, e.g. 1s");
        }
        return d;
    }

    /** A duration in whole seconds, the unit of SIP's Expires. */
    static java.time.Duration wholeSeconds(String text) {
        java.time.Duration d = positiveDuration(text);
        if (d.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(quote(text) + " is not whole seconds; expected e.g. 60s or 1h (SIP Expires counts seconds)");
        }
        return d;
    }
}
