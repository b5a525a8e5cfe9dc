package dev.lifeline.sip.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate
 * header: a scheme and its comma-separated auth-params (RFC 3261 §25.1, RFC 7616 §3.3).
 * Parameter names are kept lower-case; values are unquoted. Quoting on output follows the
 * digest grammar: tokens (algorithm, qop in a response, nc, stale) stay bare.
 *
 * @param scheme the auth scheme as sent, e.g. "Digest"
 * @param params the parameters in wire order, names lower-case, values unquoted
 */
public record AuthHeader(String scheme, Map<String, String> params) {

    public AuthHeader {
        if (scheme == null || scheme.isEmpty()) {
            throw new IllegalArgumentException("auth scheme is empty");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** A parameter by case-insensitive name. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /**
     * Parses a header value; returns empty when it is not "scheme [param=value *(, param=value)]"
     * or a quoted string is unterminated. Never throws on bad input.
     */
    public static Optional<AuthHeader> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int n = value.length();
        int i = skipWs(value, 0);
        int start = i;
        while (i < n && isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return Optional.empty();
        }
        String scheme = value.substring(start, i);
        Map<String, String> params = new LinkedHashMap<>();
        i = skipWs(value, i);
        while (i < n) {
            int ns = i;
            while (i < n && isTokenChar(value.charAt(i))) {
                i++;
            }
            if (i == ns) {
                return Optional.empty();
            }
            String name = value.substring(ns, i).toLowerCase(Locale.ROOT);
            i = skipWs(value, i);
            if (i >= n || value.charAt(i) != '=') {
                return Optional.empty();
            }
            i = skipWs(value, i + 1);
            String val;
            if (i < n && value.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        sb.append(value.charAt(i + 1));
                        i += 2;
                    } else if (c == '"') {
                        closed = true;
                        i++;
                        break;
                    } else {
                        sb.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
                val = sb.toString();
            } else {
                int vs = i;
                while (i < n && value.charAt(i) != ',' && !isWs(value.charAt(i))) {
                    i++;
                }
                val = value.substring(vs, i);
            }
            params.putIfAbsent(name, val);
            i = skipWs(value, i);
            if (i < n) {
                if (value.charAt(i) != ',') {
                    return Optional.empty();
                }
                i = skipWs(value, i + 1);
            }
        }
        return Optional.of(new AuthHeader(scheme, params));
    }

    /** Serializes as a header value, e.g. {@code Digest username="bob", realm="x", nc=00000001}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme);
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(first ? " " : ", ");
            first = false;
            sb.append(e.getKey()).append('=');
            if (bare(e.getKey())) {
                sb.append(e.getValue());
            } else {
                sb.append('"').append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.toString();
    }

    private boolean bare(String name) {
        return switch (name) {
            // userhash and charset are tokens too (RFC 7616 §3.3, §3.4); strict peers refuse them quoted
            case "algorithm", "nc", "stale", "userhash", "charset" -> true;
            // qop is a quoted list in a challenge, a bare token in credentials (RFC 7616 §3.4)
            case "qop" -> params.containsKey("response");
            default -> false;
        };
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }
}
