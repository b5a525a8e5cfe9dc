package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 §20.42): "SIP/2.0/transport host[:port];params". The protocol is
 * always SIP/2.0 (anything else is rejected when parsing).
 *
 * @param transport the transport as written in upper case, e.g. "UDP", "TLS", "WS"
 * @param host a host name, IPv4 address or bracketed IPv6 reference
 * @param port the port, or -1 when absent
 * @param params via-params (branch, received, rport, maddr, ttl, extensions)
 */
public record Via(String transport, String host, int port, Parameters params) {

    /** The RFC 3261 §8.1.1.7 branch prefix of a compliant client. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        transport = transport.toUpperCase(Locale.ROOT);
        dev.lifeline.sip.uri.SipUri.checkHost(host);
        dev.lifeline.sip.uri.SipUri.checkPort(port);
    }

    public static Via of(String transport, String host, int port, String branch) {
        return new Via(transport, host, port, Parameters.EMPTY.with("branch", branch));
    }

    /** Parses one Via value; throws {@link InvalidHeaderException} naming the defect. */
    public static Via parse(String value) {
        List<Via> vias = parseList(value, new ArrayList<>(1));
        if (vias.size() != 1) {
            throw new InvalidHeaderException("Via: expected one value, found " + vias.size());
        }
        return vias.get(0);
    }

    /** Parses a Via field value holding one or more comma-separated values into {@code out}. */
    static List<Via> parseList(String value, List<Via> out) {
        Cursor c = new Cursor(value, HeaderNames.VIA);
        c.skipWs();
        do {
            out.add(parseOne(c));
        } while (c.accept(','));
        c.skipWs();
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.rest() + "'");
        }
        return out;
    }

    /**
     * {@link #parseList} of the value in the wire bytes {@code b[from, to)}, read in place; false,
     * with {@code out} as it was, when the value is not on the fast path ({@link WireCursor}).
     */
    static boolean parseListWire(byte[] b, int from, int to, List<Via> out) {
        return parseListWire(b, from, to, false, out);
    }

    /** {@link #parseListWire(byte[], int, int, List)} of bytes the decoder may know are ASCII. */
    static boolean parseListWire(byte[] b, int from, int to, boolean knownAscii, List<Via> out) {
        WireCursor c = WireCursor.over(b, from, to, knownAscii);
        if (c == null) {
            return false;
        }
        int mark = out.size();
        try {
            c.skipWs();
            do {
                out.add(parseOne(c));
            } while (c.accept(','));
            c.skipWs();
            if (!c.atEnd()) {
                throw WireCursor.bail();
            }
            return true;
        } catch (WireCursor.Bail e) {
            out.subList(mark, out.size()).clear();
            return false;
        }
    }

    /** {@link #parseOne(Cursor)} over wire bytes. */
    private static Via parseOne(WireCursor c) {
        int nameStart = c.skipToken();
        boolean sip = c.matches(nameStart, "SIP", true);
        c.expect('/');
        int versionStart = c.skipToken();
        if (!sip || !c.matches(versionStart, "2.0", false)) {
            throw WireCursor.bail();
        }
        c.expect('/');
        int transportStart = c.skipToken();
        String transport = null;
        for (String t : TRANSPORTS) {
            if (c.matches(transportStart, t, false)) {
                transport = t;
                break;
            }
        }
        if (transport == null) {
            transport = c.string(transportStart, c.pos);
        }
        if (!c.skipLws()) {
            throw WireCursor.bail();
        }
        int hostStart = c.pos;
        while (!c.atEnd()) {
            char ch = c.peek();
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '.' || ch == '-' || ch == '_')) {
                break;
            }
            c.pos++;
        }
        if (c.pos == hostStart) {
            throw WireCursor.bail(); // no host, or an IPv6 reference: the String path
        }
        String host = c.string(hostStart, c.pos);
        int port = -1;
        if (c.accept(':')) {
            port = (int) c.number(65535);
        }
        Parameters params = c.params();
        try {
            return new Via(transport, host, port, params);
        } catch (IllegalArgumentException e) {
            throw WireCursor.bail();
        }
    }

    private static Via parseOne(Cursor c) {
        int nameStart = c.skipToken("protocol name");
        int nameEnd = c.pos;
        boolean sip = c.matches(nameStart, "SIP", true);
        c.expect('/', "'/' after protocol name");
        int versionStart = c.skipToken("protocol version");
        if (!sip || !c.matches(versionStart, "2.0", false)) {
            throw c.error("protocol must be SIP/2.0, not " + c.text().substring(nameStart, nameEnd) + "/"
                    + c.text().substring(versionStart, c.pos));
        }
        c.expect('/', "'/' after protocol version");
        String transport = transport(c);
        if (!c.skipLws()) {
            throw c.error("expected whitespace before sent-by");
        }
        String host = host(c);
        int port = -1;
        if (c.accept(':')) {
            port = (int) c.number(65535, "port");
            if (port > 65535) {
                throw c.error("port out of range");
            }
        }
        Parameters params = c.params();
        try {
            return new Via(transport, host, port, params);
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    private static final String[] TRANSPORTS = {"UDP", "TCP", "TLS", "SCTP", "WS", "WSS"};

    /** The transport token; the common ones as constants, so a parse allocates no copy. */
    private static String transport(Cursor c) {
        int start = c.skipToken("transport");
        for (String t : TRANSPORTS) {
            if (c.matches(start, t, false)) {
                return t;
            }
        }
        return c.text().substring(start, c.pos);
    }

    private static String host(Cursor c) {
        String s = c.text();
        int start = c.pos;
        if (c.peek() == '[') {
            int end = s.indexOf(']', start);
            if (end < 0) {
                throw c.error("unterminated IPv6 reference");
            }
            c.pos = end + 1;
            return s.substring(start, c.pos);
        }
        while (!c.atEnd()) {
            char ch = c.peek();
            boolean ascii = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
            if (!ascii && !Character.isLetterOrDigit(ch) && ch != '.' && ch != '-' && ch != '_') {
                break;
            }
            c.pos++;
        }
        if (c.pos == start) {
            throw c.error("sent-by host missing");
        }
        return s.substring(start, c.pos);
    }

    public Optional<String> branch() {
        return params.get("branch");
    }

    /** True when the branch starts with the RFC 3261 magic cookie and has more after it. */
    public boolean hasRfc3261Branch() {
        String b = params.valueOrNull("branch");
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public Optional<String> received() {
        return params.get("received");
    }

    /** True when rport is present, with or without a value (RFC 3581 §3). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The rport value; empty when absent or present without a value (see {@link #hasRport()}). */
    public OptionalInt rport() {
        String v = params.valueOrNull("rport");
        if (v == null || v.isEmpty() || v.length() > 5) {
            return OptionalInt.empty();
        }
        int p = 0;
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch < '0' || ch > '9') {
                return OptionalInt.empty();
            }
            p = p * 10 + (ch - '0');
        }
        return p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
    }

    /** "host" or "host:port". */
    public String sentBy() {
        return port < 0 ? host : host + ":" + port;
    }

    public Via withReceived(String address) {
        return new Via(transport, host, port, params.with("received", address));
    }

    public Via withRport(int port) {
        return new Via(transport, host, this.port, params.with("rport", Integer.toString(port)));
    }

    public Via withBranch(String branch) {
        return new Via(transport, host, port, params.with("branch", branch));
    }

    public Via withParam(String name, String value) {
        return new Via(transport, host, port, params.with(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append("SIP/2.0/").append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb);
        return sb.toString();
    }
}
