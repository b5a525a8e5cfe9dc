package dev.lifeline.sip.uri;

/**
 * A URI of a scheme SIP does not interpret (http, isbn, im, …): kept opaque, as RFC 3261 §19
 * and RFC 4475 §3.3.2 ask of an element that does not know the scheme.
 *
 * @param scheme the scheme as written ({@link #scheme()} gives it in lower case)
 * @param schemeSpecificPart everything after the first ':' as written
 */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {

    public AbsoluteUri {
        checkOpaque(schemeSpecificPart);
    }

    static AbsoluteUri parse(String scheme, String text, int colon) {
        return new AbsoluteUri(text.substring(0, colon), text.substring(colon + 1));
    }

    private static void checkOpaque(String part) {
        if (part.isEmpty()) {
            throw new InvalidUriException("URI has nothing after its scheme");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"') {
                throw new InvalidUriException("URI contains a character that must be escaped: '" + part + "'");
            }
        }
    }

    @Override
    public String scheme() {
        return scheme.toLowerCase(java.util.Locale.ROOT);
    }

    /** Schemes compare case-insensitively (RFC 3986 §3.1); the rest is opaque and exact. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AbsoluteUri a && scheme.equalsIgnoreCase(a.scheme)
                && schemeSpecificPart.equals(a.schemeSpecificPart);
    }

    @Override
    public int hashCode() {
        return scheme().hashCode() * 31 + schemeSpecificPart.hashCode();
    }

    @Override
    public String toString() {
        return scheme + ":" + schemeSpecificPart;
    }
}
