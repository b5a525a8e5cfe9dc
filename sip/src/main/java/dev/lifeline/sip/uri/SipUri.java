package dev.lifeline.sip.uri;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A sip: or sips: URI (RFC 3261 §19.1). User, password, parameter and header parts are kept
 * unescaped (the %HH form of the user is available as {@link #rawUser()}); a parsed URI prints
 * exactly as it was written. Equality follows the comparison rules of RFC 3261 §19.1.4.
 */
public final class SipUri implements Uri {

    /** user-unreserved plus the characters the user part may hold unescaped. */
    static final String USER_CHARS = "&=+$,;?/";
    static final String PASSWORD_CHARS = "&=+$,";
    static final String PARAM_CHARS = "[]/:&+$";
    static final String HEADER_CHARS = "[]/?:+$";
    /** URI parameters that make two URIs differ when only one of them carries it (§19.1.4). */
    private static final java.util.Set<String> SIGNIFICANT = java.util.Set.of("user", "ttl", "method", "maddr", "transport");

    private final boolean secure;
    /**
     * The components; for a parsed URI taken apart only when first asked for (a proxy mostly just
     * validates and forwards URIs). Immutable, so a racy first use at worst splits the text twice.
     */
    private Parts parts;
    private String text;

    /** The components of a URI, unescaped where the accessors say so. */
    private record Parts(String user, String rawUser, String password, String host, int port, Parameters params,
                         Parameters headers) {
    }

    private SipUri(boolean secure, String user, String rawUser, String password, String host, int port,
                   Parameters params, Parameters headers, String text) {
        this.secure = secure;
        this.parts = new Parts(user, rawUser, password, host, port, params, headers);
        this.text = text;
    }

    /** A parsed URI whose text was validated; its components are split off on first use. */
    private SipUri(boolean secure, String text) {
        this.secure = secure;
        this.text = text;
    }

    private Parts parts() {
        Parts p = parts;
        if (p == null) {
            parts = p = decompose(text, secure ? 4 : 3);
        }
        return p;
    }

    /** A sip: URI; user may be null, port -1 when absent. */
    public static SipUri of(String user, String host, int port) {
        checkHost(host);
        checkPort(port);
        return new SipUri(false, user, user == null ? null : PercentEncoding.encode(user, USER_CHARS), null,
                host, port, Parameters.EMPTY, Parameters.EMPTY, null);
    }

    /** Parses a sip: or sips: URI. */
    public static SipUri parse(String text) {
        Uri uri = Uri.parse(text);
        if (uri instanceof SipUri s) {
            return s;
        }
        throw new InvalidUriException("not a sip or sips URI: '" + text + "'");
    }

    static SipUri parse(String text, int colon) {
        validate(text, colon);
        return new SipUri(colon == 4, text);
    }

    /**
     * For decoders: the sip: or sips: URI written in the ASCII bytes {@code b[from, to)}, checked in
     * one pass over the bytes, or null when the bytes are anything else or anything unusual (another
     * scheme, an IPv6 host, escaped headers, non-ASCII, any defect). Never throws: on null the
     * caller parses the text with {@link Uri#parse}, which gives the exact result or the reason.
     * A URI returned here is equal to, and prints like, the one {@code Uri.parse} gives.
     */
    public static SipUri parseAsciiOrNull(byte[] b, int from, int to) {
        return parseAsciiOrNull(b, from, to, false);
    }

    /**
     * {@link #parseAsciiOrNull(byte[], int, int)} for a decoder that may already know the bytes are
     * ASCII ({@code knownAscii}: then they are not checked again).
     */
    public static SipUri parseAsciiOrNull(byte[] b, int from, int to, boolean knownAscii) {
        int n = to;
        // "sip:" or "sips:" in any case.
        if (to - from < 5 || (b[from] | 0x20) != 's' || (b[from + 1] | 0x20) != 'i' || (b[from + 2] | 0x20) != 'p') {
            return null;
        }
        int colon = from + 3;
        if ((b[colon] | 0x20) == 's') {
            colon++;
        }
        if (b[colon] != ':') {
            return null;
        }
        int start = colon + 1;
        if (!knownAscii && !Ascii.isAscii(b, start, n)) {
            return null;
        }
        int at = Ascii.indexOf(b, start, n, (byte) '@'); // the first '@' anywhere, as String.indexOf finds it
        int hostStart = start;
        if (at >= 0) {
            int pc = start;
            while (pc < at && b[pc] != ':') {
                pc++;
            }
            if (pc == start || !allowed(b, start, pc, USER_LOW, USER_HIGH)
                    || (pc < at && !allowed(b, pc + 1, at, PASSWORD_LOW, PASSWORD_HIGH))) {
                return null;
            }
            hostStart = at + 1;
        }
        int end = hostStart;
        int portSep = -1;
        for (; end < n; end++) {
            byte c = b[end];
            if (c == ';' || c == '?') {
                break;
            }
            if (c == ':' && portSep < 0) {
                portSep = end;
            }
        }
        int hostEnd = portSep < 0 ? end : portSep;
        if (hostStart >= hostEnd || b[hostStart] == '[') {
            return null; // no host (a defect), or an IPv6 reference: the String path
        }
        for (int i = hostStart; i < hostEnd; i++) {
            byte c = b[i];
            if (!(c < 64 ? (HOST_LOW >>> c & 1) != 0 : (HOST_HIGH >>> (c - 64) & 1) != 0)) {
                return null;
            }
        }
        if (portSep >= 0) {
            int digits = end - portSep - 1;
            if (digits < 1 || digits > 5) {
                return null;
            }
            int port = 0;
            for (int i = portSep + 1; i < end; i++) {
                byte c = b[i];
                if (c < '0' || c > '9') {
                    return null;
                }
                port = port * 10 + (c - '0');
            }
            if (port > 65535) {
                return null;
            }
        }
        int i = end;
        while (i < n && b[i] == ';') {
            int e = i + 1;
            int eq = -1;
            while (e < n && b[e] != ';' && b[e] != '?') {
                if (b[e] == '=' && eq < 0) {
                    eq = e;
                }
                e++;
            }
            int nameEnd = eq < 0 ? e : eq;
            if (nameEnd == i + 1 || !allowed(b, i + 1, nameEnd, PARAM_LOW, PARAM_HIGH)
                    || (nameEnd < e && !allowed(b, nameEnd + 1, e, PARAM_LOW, PARAM_HIGH))) {
                return null;
            }
            i = e;
        }
        if (i < n) {
            return null; // headers after '?': the String path
        }
        return new SipUri(colon - from == 4, Ascii.string(b, from, to));
    }

    /**
     * True when {@code b[from, to)} holds only unreserved characters, those of the masks, and
     * well-formed %HH escapes ({@link PercentEncoding#check} for ASCII bytes).
     */
    private static boolean allowed(byte[] b, int from, int to, long low, long high) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '%') {
                if (i + 2 >= to || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
                    return false;
                }
                i += 2;
            } else if (!(c < 64 ? (low >>> c & 1) != 0 : (high >>> (c - 64) & 1) != 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    /** Unreserved characters plus each component's extra characters, as masks for chars 0-63 and 64-127. */
    private static final long USER_LOW = PercentEncoding.mask(PercentEncoding.UNRESERVED + USER_CHARS, 0);
    private static final long USER_HIGH = PercentEncoding.mask(PercentEncoding.UNRESERVED + USER_CHARS, 64);
    private static final long PASSWORD_LOW = PercentEncoding.mask(PercentEncoding.UNRESERVED + PASSWORD_CHARS, 0);
    private static final long PASSWORD_HIGH = PercentEncoding.mask(PercentEncoding.UNRESERVED + PASSWORD_CHARS, 64);
    private static final long PARAM_LOW = PercentEncoding.mask(PercentEncoding.UNRESERVED + PARAM_CHARS, 0);
    private static final long PARAM_HIGH = PercentEncoding.mask(PercentEncoding.UNRESERVED + PARAM_CHARS, 64);

    /**
     * Every check of {@link #decompose}, in the same order and with the same messages, without
     * copying any part out of the text.
     */
    private static void validate(String text, int colon) {
        int n = text.length();
        int start = colon + 1;
        int at = text.indexOf('@', start);
        int hostStart = start;
        if (at >= 0) {
            int pc = start;
            while (pc < at && text.charAt(pc) != ':') {
                pc++;
            }
            if (pc == start) {
                throw new InvalidUriException("URI has an empty user part: '" + text + "'");
            }
            PercentEncoding.check(text, start, pc, USER_CHARS, "user part");
            if (pc < at) {
                PercentEncoding.check(text, pc + 1, at, PASSWORD_CHARS, "password");
            }
            hostStart = at + 1;
        }
        int end = hostPortEnd(text, hostStart, n);
        int portSep = portSeparator(text, hostStart, end);
        if (portSep >= 0) {
            parsePort(text, portSep + 1, end);
        }
        checkHost(text, hostStart, portSep < 0 ? end : portSep);
        int i = end;
        while (i < n && text.charAt(i) == ';') {
            int e = i + 1;
            while (e < n && text.charAt(e) != ';' && text.charAt(e) != '?') {
                e++;
            }
            int eq = text.indexOf('=', i + 1);
            int nameEnd = eq < 0 || eq >= e ? e : eq;
            if (nameEnd == i + 1) {
                throw new InvalidUriException("URI has an empty parameter name");
            }
            PercentEncoding.check(text, i + 1, nameEnd, PARAM_CHARS, "parameter");
            if (nameEnd < e) {
                PercentEncoding.check(text, nameEnd + 1, e, PARAM_CHARS, "parameter");
            }
            i = e;
        }
        if (i < n) {
            decompose(text, colon); // headers after '?': rare, checked the long way
        }
    }

    /** checkHost on {@code text[from, to)}, copying the host only to report a defect. */
    private static void checkHost(String text, int from, int to) {
        if (from >= to || text.charAt(from) == '[') {
            checkHost(text.substring(from, to));
            return;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c < 64 ? (HOST_LOW >>> c & 1) != 0 : c < 128 && (HOST_HIGH >>> (c - 64) & 1) != 0)) {
                checkHost(text.substring(from, to)); // throws, naming the character
                return;
            }
        }
    }

    private static Parts decompose(String text, int colon) {
        int n = text.length();
        int start = colon + 1;
        int at = text.indexOf('@', start);
        String rawUser = null;
        String user = null;
        String password = null;
        int hostStart = start;
        if (at >= 0) {
            int pc = start;
            while (pc < at && text.charAt(pc) != ':') {
                pc++;
            }
            if (pc == start) {
                throw new InvalidUriException("URI has an empty user part: '" + text + "'");
            }
            rawUser = text.substring(start, pc);
            PercentEncoding.check(rawUser, USER_CHARS, "user part");
            user = PercentEncoding.decode(rawUser, "user part");
            if (pc < at) {
                String rawPassword = text.substring(pc + 1, at);
                PercentEncoding.check(rawPassword, PASSWORD_CHARS, "password");
                password = PercentEncoding.decode(rawPassword, "password");
            }
            hostStart = at + 1;
        }
        int end = hostPortEnd(text, hostStart, n);
        int portSep = portSeparator(text, hostStart, end);
        String host = text.substring(hostStart, portSep < 0 ? end : portSep);
        int port = portSep < 0 ? -1 : parsePort(text, portSep + 1, end);
        checkHost(host);
        Parameters params = Parameters.EMPTY;
        int i = end;
        if (i < n && text.charAt(i) == ';') {
            Parameters.Collector collected = new Parameters.Collector();
            while (i < n && text.charAt(i) == ';') {
                int e = i + 1;
                while (e < n && text.charAt(e) != ';' && text.charAt(e) != '?') {
                    e++;
                }
                addPair(collected, text, i + 1, e, PARAM_CHARS, "parameter");
                i = e;
            }
            params = collected.build();
        }
        Parameters headers = Parameters.EMPTY;
        if (i < n) { // at '?'
            Parameters.Collector collected = new Parameters.Collector();
            for (String h : text.substring(i + 1).split("&", -1)) {
                addPair(collected, h, 0, h.length(), HEADER_CHARS, "header");
            }
            headers = collected.build();
        }
        return new Parts(user, rawUser, password, host, port, params, headers);
    }

    private static void addPair(Parameters.Collector into, String text, int from, int to, String allowed,
                                String what) {
        int eq = text.indexOf('=', from);
        if (eq >= to) {
            eq = -1;
        }
        int nameEnd = eq < 0 ? to : eq;
        if (nameEnd == from) {
            throw new InvalidUriException("URI has an empty " + what + " name");
        }
        PercentEncoding.check(text, from, nameEnd, allowed, what);
        String value = null;
        if (eq >= 0) {
            PercentEncoding.check(text, eq + 1, to, allowed, what);
            value = PercentEncoding.decode(text, eq + 1, to, what);
        }
        int pct = text.indexOf('%', from);
        String name = pct < 0 || pct >= nameEnd ? Parameters.name(text, from, nameEnd)
                : PercentEncoding.decode(text, from, nameEnd, what);
        into.add(name, value);
    }

    private static int parsePort(String text, int from, int to) {
        if (from == to || to - from > 5) {
            throw new InvalidUriException("bad port in URI '" + text + "'");
        }
        int p = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidUriException("bad port in URI '" + text + "'");
            }
            p = p * 10 + (c - '0');
        }
        checkPort(p);
        return p;
    }

    /** Host name characters (alphanumerics, '-', '.', '_') as bit masks for chars 0-63 and 64-127. */
    private static final String HOST_CHARS = "-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final long HOST_LOW = PercentEncoding.mask(HOST_CHARS, 0);
    private static final long HOST_HIGH = PercentEncoding.mask(HOST_CHARS, 64);

    public static void checkPort(int port) {
        if (port < -1 || port > 65535) {
            throw new InvalidUriException("port out of range: " + port);
        }
    }

    /** hostname / IPv4address / IPv6reference (RFC 3261 §25.1); '_' tolerated in names. */
    public static void checkHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new InvalidUriException("URI has no host");
        }
        if (host.charAt(0) == '[') {
            if (host.length() < 4 || host.charAt(host.length() - 1) != ']') {
                throw new InvalidUriException("bad IPv6 reference '" + host + "'");
            }
            for (int i = 1; i < host.length() - 1; i++) {
                char c = host.charAt(i);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    throw new InvalidUriException("bad IPv6 reference '" + host + "'");
                }
            }
            return;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c < 64 ? (HOST_LOW >>> c & 1) != 0 : c < 128 && (HOST_HIGH >>> (c - 64) & 1) != 0)) {
                throw new InvalidUriException((c == ' ' || c == '\t' ? "whitespace" : "character '" + c + "'")
                        + " not allowed in URI host '" + host + "'");
            }
        }
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part unescaped, or null. */
    public String user() {
        return parts().user();
    }

    /** The user part as written (%HH escapes kept), or null. */
    public String rawUser() {
        return parts().rawUser();
    }

    /** The password unescaped, or null. */
    public String password() {
        return parts().password();
    }

    /** The host as written: a name, IPv4 address or bracketed IPv6 reference. */
    public String host() {
        return parts().host();
    }

    /** The port, or -1 when absent. */
    public int port() {
        return parts().port();
    }

    /** "host" or "host:port". */
    public String hostPort() {
        return parts().port() < 0 ? parts().host() : parts().host() + ":" + parts().port();
    }

    /** uri-parameters, unescaped. */
    public Parameters params() {
        return parts().params();
    }

    public Optional<String> param(String name) {
        return parts().params().get(name);
    }

    /** The headers after '?', unescaped. */
    public Parameters headers() {
        return parts().headers();
    }

    public Optional<String> transport() {
        return parts().params().get("transport");
    }

    public boolean lr() {
        return parts().params().has("lr");
    }

    public Optional<String> maddr() {
        return parts().params().get("maddr");
    }

    public SipUri withSecure(boolean s) {
        Parts p = parts();
        return new SipUri(s, p.user(), p.rawUser(), p.password(), p.host(), p.port(), p.params(), p.headers(), null);
    }

    public SipUri withUser(String u) {
        Parts p = parts();
        return new SipUri(secure, u, u == null ? null : PercentEncoding.encode(u, USER_CHARS), p.password(), p.host(),
                p.port(), p.params(), p.headers(), null);
    }

    public SipUri withHost(String h) {
        checkHost(h);
        Parts p = parts();
        return new SipUri(secure, p.user(), p.rawUser(), p.password(), h, p.port(), p.params(), p.headers(), null);
    }

    public SipUri withPort(int newPort) {
        checkPort(newPort);
        Parts p = parts();
        return new SipUri(secure, p.user(), p.rawUser(), p.password(), p.host(), newPort, p.params(), p.headers(),
                null);
    }

    /** Sets a uri-parameter; a null value makes it a flag such as {@code lr}. */
    public SipUri withParam(String name, String value) {
        Parts p = parts();
        return new SipUri(secure, p.user(), p.rawUser(), p.password(), p.host(), p.port(), p.params().with(name, value),
                p.headers(), null);
    }

    public SipUri withoutParam(String name) {
        Parts p = parts();
        return new SipUri(secure, p.user(), p.rawUser(), p.password(), p.host(), p.port(), p.params().without(name),
                p.headers(), null);
    }

    public SipUri withoutHeaders() {
        Parts p = parts();
        return new SipUri(secure, p.user(), p.rawUser(), p.password(), p.host(), p.port(), p.params(), Parameters.EMPTY,
                null);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            text = t = compose();
        }
        return t;
    }

    private String compose() {
        Parts p = parts();
        StringBuilder sb = new StringBuilder(48).append(scheme()).append(':');
        if (p.rawUser() != null) {
            sb.append(p.rawUser());
            if (p.password() != null) {
                sb.append(':').append(PercentEncoding.encode(p.password(), PASSWORD_CHARS));
            }
            sb.append('@');
        }
        sb.append(p.host());
        if (p.port() >= 0) {
            sb.append(':').append(p.port());
        }
        for (int i = 0; i < p.params().size(); i++) {
            sb.append(';').append(PercentEncoding.encode(p.params().name(i), PARAM_CHARS));
            if (p.params().value(i) != null) {
                sb.append('=').append(PercentEncoding.encode(p.params().value(i), PARAM_CHARS));
            }
        }
        for (int i = 0; i < p.headers().size(); i++) {
            sb.append(i == 0 ? '?' : '&').append(PercentEncoding.encode(p.headers().name(i), HEADER_CHARS));
            sb.append('=').append(PercentEncoding.encode(Objects.requireNonNullElse(p.headers().value(i), ""),
                    HEADER_CHARS));
        }
        return sb.toString();
    }

    /** RFC 3261 §19.1.4: user and password case-sensitive, host case-insensitive, parameter rules. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SipUri u)) {
            return false;
        }
        Parts a = parts();
        Parts b = u.parts();
        return secure == u.secure && Objects.equals(a.user(), b.user()) && Objects.equals(a.password(), b.password())
                && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port() && paramsMatch(u) && headersMatch(u);
    }

    private boolean paramsMatch(SipUri u) {
        return oneWay(parts().params(), u.parts().params()) && oneWay(u.parts().params(), parts().params());
    }

    private static boolean oneWay(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            String name = a.name(i).toLowerCase(Locale.ROOT);
            boolean inB = b.has(name);
            if (!inB && SIGNIFICANT.contains(name)) {
                return false;
            }
            if (inB && !equalsIgnoreCaseNullable(a.value(i), b.valueOrNull(name))) {
                return false;
            }
        }
        return true;
    }

    private boolean headersMatch(SipUri u) {
        Parameters mine = parts().headers();
        Parameters theirs = u.parts().headers();
        if (mine.size() != theirs.size()) {
            return false;
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!Objects.equals(mine.value(i), theirs.valueOrNull(mine.name(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCaseNullable(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, parts().user(), parts().host().toLowerCase(Locale.ROOT), parts().port());
    }

    /** Where host[:port] ends: at the first ';' (parameters) or '?' (headers), or at {@code n}. */
    private static int hostPortEnd(String text, int hostStart, int n) {
        int end = hostStart;
        while (end < n && text.charAt(end) != ';' && text.charAt(end) != '?') {
            end++;
        }
        return end;
    }

    /** The index of the ':' before the port in host[:port], or -1; an IPv6 reference is skipped whole. */
    private static int portSeparator(String text, int hostStart, int end) {
        if (hostStart < end && text.charAt(hostStart) == '[') {
            int close = text.indexOf(']', hostStart);
            if (close < 0 || close >= end || (close + 1 < end && text.charAt(close + 1) != ':')) {
                throw new InvalidUriException("bad IPv6 reference in URI '" + text + "'");
            }
            return close + 1 < end ? close + 1 : -1;
        }
        for (int i = hostStart; i < end; i++) {
            if (text.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }
}
