package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.NumberFormat;
import dev.lifeline.gateway.config.Site;
import java.util.Objects;

/**
 * How the site's country writes numbers, and the conversions caller-ID presentation needs:
 * national ↔ E.164. With country code 1 and national prefix 1, {@code 5550123} and
 * {@code 15550123} are {@code +15550123}, which phones see as {@code 15550123}.
 *
 * <p>Only digit strings (optionally with a leading +) are converted; anything else — a SIP
 * user name, "anonymous" — passes through unchanged, since it is not a number to format.
 */
public record Numbering(String countryCode, String nationalPrefix) {

    public Numbering {
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(nationalPrefix, "nationalPrefix");
    }

    public static Numbering of(Site site) {
        return new Numbering(site.countryCode(), site.nationalPrefix());
    }

    /** Visual separators of RFC 3966 §5.1.1 removed: "555-0123" and "(555) 0123" dial the same. */
    public static String digits(String number) {
        return number.replaceAll("[-.() ]", "");
    }

    public static boolean isNumber(String s) {
        return s.matches("\\+?[0-9]+");
    }

    /** The number in E.164: international as is, national with the prefix dropped and the country code put in front. */
    public String e164(String number) {
        String n = digits(number);
        if (!isNumber(n) || n.startsWith("+")) {
            return n;
        }
        String national = !nationalPrefix.isEmpty() && n.startsWith(nationalPrefix) ? n.substring(nationalPrefix.length()) : n;
        return "+" + countryCode + national;
    }

    /** The number as the site writes it: own-country E.164 in national form, foreign numbers left international. */
    public String national(String number) {
        String n = digits(number);
        String own = "+" + countryCode;
        return n.startsWith(own) ? nationalPrefix + n.substring(own.length()) : n;
    }

    public String present(String number, NumberFormat format) {
        return switch (format) {
            case E164 -> e164(number);
            // Through E.164 first, so that a national number missing its prefix gets it too.
            case NATIONAL -> national(e164(number));
            case AS_IS -> number;
        };
    }
}
