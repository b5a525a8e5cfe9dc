package dev.lifeline.gateway.qos;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link rate in bits per second, written as {@code tc} writes rates: {@code 512kbit},
 * {@code 20mbit}, {@code 1.5gbit} (SI prefixes: 1 mbit = 1,000,000 bit/s).
 * {@code mbps} and friends are refused: {@code tc} reads "bps" as <em>bytes</em> per second, so
 * a rate written that way is off by eight in one of the two places it is used.
 */
public record LinkRate(long bitsPerSecond) {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(bit|kbit|mbit|gbit)");
    private static final long MAX = 1_000_000_000_000L;

    public LinkRate {
        if (bitsPerSecond < 8_000 || bitsPerSecond > MAX) {
            throw new IllegalArgumentException("a link rate must lie between 8kbit and 1000gbit, was " + bitsPerSecond + " bit/s");
        }
    }

    /** Parses the written form; the exception's message says what was wrong and what is expected. */
    public static LinkRate parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            String hint = t.matches("-?[\\d.]+\\s*[kmg]?(bps|b/s|bit/s)")
                    ? " ('bps' is ambiguous: tc reads it as bytes per second)"
                    : t.matches("-.*") ? " (a rate is positive)" : "";
            throw new IllegalArgumentException("'" + text + "' is not a link rate" + hint
                    + "; expected a number and a unit in bits per second: 512kbit, 20mbit, 1gbit");
        }
        long unit = switch (m.group(2)) {
            case "bit" -> 1;
            case "kbit" -> 1_000;
            case "mbit" -> 1_000_000;
            default -> 1_000_000_000;
        };
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bits.compareTo(BigDecimal.valueOf(8_000)) < 0 || bits.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range; a link rate lies between 8kbit and 1000gbit");
        }
        return new LinkRate(bits.longValue());
    }

    /** This rate times a fraction, rounded down to whole kbit/s (what a shaper is given). */
    public long kbit(double fraction) {
        return (long) Math.floor(bitsPerSecond * fraction / 1000.0);
    }

    /** As tc writes it: {@code 20mbit}, {@code 512kbit}, {@code 1500bit}. */
    @Override
    public String toString() {
        if (bitsPerSecond % 1_000_000_000 == 0) {
            return bitsPerSecond / 1_000_000_000 + "gbit";
        }
        if (bitsPerSecond % 1_000_000 == 0) {
            return bitsPerSecond / 1_000_000 + "mbit";
        }
        if (bitsPerSecond % 1_000 == 0) {
            return bitsPerSecond / 1_000 + "kbit";
        }
        return bitsPerSecond + "bit";
    }
}
