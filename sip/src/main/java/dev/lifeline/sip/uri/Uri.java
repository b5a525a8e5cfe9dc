package dev.lifeline.sip.uri;

/**
 * A URI as it appears in a Request-URI or a name-addr. {@code toString()} gives its wire form.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case: "sip", "sips", "tel" or any other. */
    String scheme();

    /**
     * Parses a URI: sip/sips into {@link SipUri}, tel into {@link TelUri}, any other scheme into
     * {@link AbsoluteUri}.
     *
     * @throws InvalidUriException when the text is not a URI of its scheme
     */
    static Uri parse(String text) {
        int colon = schemeEnd(text);
        // The common schemes are matched in place, without a lower-cased copy of the scheme.
        // Scheme characters are letters, digits, '+', '-', '.': only letters have bit 0x20 as their case.
        int c0 = text.charAt(0) | 0x20;
        if (colon == 3 || colon == 4) {
            int c1 = text.charAt(1) | 0x20;
            int c2 = text.charAt(2) | 0x20;
            if (c0 == 's' && c1 == 'i' && c2 == 'p' && (colon == 3 || (text.charAt(3) | 0x20) == 's')) {
                return SipUri.parse(text, colon);
            }
            if (colon == 3 && c0 == 't' && c1 == 'e' && c2 == 'l') {
                return TelUri.parse(text, colon);
            }
        }
        return AbsoluteUri.parse(text.substring(0, colon).toLowerCase(java.util.Locale.ROOT), text, colon);
    }

    /** Index of the ':' ending a valid scheme (RFC 3986 §3.1). */
    private static int schemeEnd(String text) {
        int n = text.length();
        if (n == 0 || !isAlpha(text.charAt(0))) {
            throw new InvalidUriException("URI has no scheme: '" + text + "'");
        }
        for (int i = 1; i < n; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                break;
            }
        }
        throw new InvalidUriException("URI has no scheme: '" + text + "'");
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
