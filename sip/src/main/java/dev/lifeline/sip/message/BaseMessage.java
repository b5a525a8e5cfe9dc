package dev.lifeline.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What requests and responses share: headers, body, the wire bytes they were parsed from, and
 * typed header values parsed on first use and cached. Caching is a benign race: values are
 * immutable, so two threads parsing the same header at once compute equal results.
 */
abstract class BaseMessage {

    private static final byte[] NO_BODY = new byte[0];

    final Headers headers;
    final byte[] body;
    /** The exact bytes this message was parsed from; null for a built message. */
    private final byte[] wire;
    /** Cached serialization, kept from the second toBytes() on (a message sent more than once). */
    private byte[] serialized;
    private boolean serializedBefore;

    private List<Via> vias;
    private NameAddress from;
    private NameAddress to;
    private String callId;
    private CSeq cseq;
    private List<Contact> contacts;
    private OptionalInt maxForwards;
    private List<NameAddress> routes;
    private List<NameAddress> recordRoutes;
    private List<AuthHeader> authorization;
    private List<AuthHeader> proxyAuthorization;
    private List<AuthHeader> wwwAuthenticate;
    private List<AuthHeader> proxyAuthenticate;

    BaseMessage(Headers headers, byte[] body, byte[] wire) {
        this.headers = headers;
        this.body = body == null ? NO_BODY : body;
        this.wire = wire;
    }

    public abstract String startLine();

    public String version() {
        return "SIP/2.0";
    }

    public Headers headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** True when this message was parsed and not changed, so toBytes() gives the received bytes. */
    public boolean isUnchanged() {
        return wire != null;
    }

    public byte[] toBytes() {
        if (wire != null) {
            return wire.clone();
        }
        byte[] s = serialized;
        if (s != null) {
            return s.clone();
        }
        // Most messages are serialized once: hand out the fresh array rather than cache and copy it.
        s = serialize();
        if (serializedBefore) {
            serialized = s;
            return s.clone();
        }
        serializedBefore = true;
        return s;
    }

    /**
     * Start line, header lines and body; written as ASCII straight into one exact array when it is
     * ASCII. A field still backed by received bytes (copied from a parsed request) is copied as
     * those bytes, with no decode and re-encode.
     */
    private byte[] serialize() {
        String start = startLine();
        int n = start.length() + 4 + body.length;
        for (int i = 0; i < headers.size(); i++) {
            HeaderField f = headers.get(i);
            byte[] w = f.wire();
            if (w != null) {
                if (!f.wireAscii()) {
                    return serializeUtf8();
                }
                n += f.name().length() + f.wireTo() - f.wireFrom() + 4;
            } else {
                n += f.name().length() + f.value().length() + 4;
            }
        }
        byte[] out = new byte[n];
        int p = crlf(out, ascii(start, out, 0));
        for (int i = 0; i < headers.size() && p >= 0; i++) {
            HeaderField f = headers.get(i);
            p = ascii(f.name(), out, p);
            if (p >= 0) {
                out[p++] = ':';
                out[p++] = ' ';
                byte[] w = f.wire();
                if (w != null) {
                    int len = f.wireTo() - f.wireFrom();
                    System.arraycopy(w, f.wireFrom(), out, p, len);
                    p = crlf(out, p + len);
                } else {
                    p = crlf(out, ascii(f.value(), out, p));
                }
            }
        }
        if (p < 0) {
            return serializeUtf8();
        }
        p = crlf(out, p);
        System.arraycopy(body, 0, out, p, body.length);
        return out;
    }

    /** Writes s at p; returns the position after it, or -1 when s is not ASCII. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies low bytes: exact for ASCII
    private static int ascii(String s, byte[] out, int p) {
        int len = s.length();
        int all = 0;
        for (int i = 0; i < len; i++) {
            all |= s.charAt(i);
        }
        if (all >= 0x80) {
            return -1;
        }
        s.getBytes(0, len, out, p);
        return p + len;
    }

    private static int crlf(byte[] out, int p) {
        if (p < 0) {
            return p;
        }
        out[p] = '\r';
        out[p + 1] = '\n';
        return p + 2;
    }

    private byte[] serializeUtf8() {
        StringBuilder sb = new StringBuilder(256 + headers.size() * 48);
        sb.append(startLine()).append("\r\n");
        for (int i = 0; i < headers.size(); i++) {
            HeaderField f = headers.get(i);
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    /** The first field of that canonical name, or null. */
    final HeaderField firstField(String canonicalName) {
        int i = headers.indexOf(HeaderNames.id(canonicalName), canonicalName, 0);
        return i < 0 ? null : headers.get(i);
    }

    // ---- required headers: parsed once, throw InvalidHeaderException when missing or bad ----

    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            List<Via> out = new ArrayList<>(2);
            int id = HeaderNames.VIA_ID;
            for (int i = headers.indexOf(id, HeaderNames.VIA, 0); i >= 0; i = headers.indexOf(id, HeaderNames.VIA, i + 1)) {
                byte[] raw = headers.rawSource(i);
                if (raw == null || !Via.parseListWire(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii(), out)) {
                    Via.parseList(headers.get(i).value(), out);
                }
            }
            if (out.isEmpty()) {
                throw missing(HeaderNames.VIA);
            }
            vias = v = List.copyOf(out);
        }
        return v;
    }

    public Via topVia() {
        return vias().get(0);
    }

    public NameAddress from() {
        NameAddress a = from;
        if (a == null) {
            from = a = nameAddress(HeaderNames.FROM_ID, HeaderNames.FROM);
        }
        return a;
    }

    public NameAddress to() {
        NameAddress a = to;
        if (a == null) {
            to = a = nameAddress(HeaderNames.TO_ID, HeaderNames.TO);
        }
        return a;
    }

    /** From or To: read from the wire bytes when it is on the fast path, else from its text. */
    private NameAddress nameAddress(int id, String name) {
        int i = requiredIndex(id, name);
        byte[] raw = headers.rawSource(i);
        NameAddress a = raw == null ? null : NameAddress.parseWire(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii());
        return a != null ? a : NameAddress.parse(headers.get(i).value(), name);
    }

    public String callId() {
        String c = callId;
        if (c == null) {
            int i = requiredIndex(HeaderNames.CALL_ID_ID, HeaderNames.CALL_ID);
            byte[] raw = headers.rawSource(i);
            c = raw == null ? null : HeaderValues.callIdWire(raw, headers.rawFrom(i), headers.rawTo(i));
            callId = c = c != null ? c : HeaderValues.callId(headers.get(i).value());
        }
        return c;
    }

    public CSeq cseq() {
        CSeq c = cseq;
        if (c == null) {
            int i = requiredIndex(HeaderNames.CSEQ_ID, HeaderNames.CSEQ);
            byte[] raw = headers.rawSource(i);
            c = raw == null ? null : CSeq.parseWire(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii());
            cseq = c = c != null ? c : CSeq.parse(headers.get(i).value());
        }
        return c;
    }

    public List<Contact> contacts() {
        List<Contact> c = contacts;
        if (c == null) {
            contacts = c = headers.has(HeaderNames.CONTACT_ID) ? contactList() : List.of();
        }
        return c;
    }

    private List<Contact> contactList() {
        List<Contact> out = new ArrayList<>(2);
        int id = HeaderNames.CONTACT_ID;
        for (int i = headers.indexOf(id, HeaderNames.CONTACT, 0); i >= 0; i = headers.indexOf(id, HeaderNames.CONTACT, i + 1)) {
            byte[] raw = headers.rawSource(i);
            if (raw == null || !Contact.addWire(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii(), out)) {
                Contact.add(headers.get(i).value(), out);
            }
        }
        return Contact.finish(out);
    }

    public OptionalInt maxForwards() {
        OptionalInt m = maxForwards;
        if (m == null) {
            int i = headers.indexOf(HeaderNames.MAX_FORWARDS_ID, HeaderNames.MAX_FORWARDS, 0);
            byte[] raw = i < 0 ? null : headers.rawSource(i);
            int hops = raw == null ? -1 : HeaderValues.maxForwardsWire(raw, headers.rawFrom(i), headers.rawTo(i));
            maxForwards = m = i < 0 ? OptionalInt.empty()
                    : OptionalInt.of(hops >= 0 ? hops : HeaderValues.maxForwards(headers.get(i).value()));
        }
        return m;
    }

    public List<NameAddress> routes() {
        List<NameAddress> r = routes;
        if (r == null) {
            routes = r = addressList(HeaderNames.ROUTE_ID, HeaderNames.ROUTE);
        }
        return r;
    }

    public List<NameAddress> recordRoutes() {
        List<NameAddress> r = recordRoutes;
        if (r == null) {
            recordRoutes = r = addressList(HeaderNames.RECORD_ROUTE_ID, HeaderNames.RECORD_ROUTE);
        }
        return r;
    }

    private List<NameAddress> addressList(int id, String name) {
        if (!headers.has(id)) {
            return List.of();
        }
        List<NameAddress> out = new ArrayList<>(2);
        for (int i = headers.indexOf(id, name, 0); i >= 0; i = headers.indexOf(id, name, i + 1)) {
            byte[] raw = headers.rawSource(i);
            if (raw == null || !NameAddress.parseListWire(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii(), out)) {
                NameAddress.parseList(headers.get(i).value(), name, out);
            }
        }
        return List.copyOf(out);
    }

    public int contentLength() {
        OptionalInt v = HeaderValues.deltaSeconds(headers.firstOrNull(HeaderNames.CONTENT_LENGTH_ID));
        return v.orElse(body.length);
    }

    // ---- optional headers: empty when absent or malformed, never throw ----

    public Optional<String> contentType() {
        return Optional.ofNullable(headers.firstOrNull(HeaderNames.CONTENT_TYPE_ID));
    }

    public OptionalInt expires() {
        return HeaderValues.deltaSeconds(headers.firstOrNull(HeaderNames.EXPIRES));
    }

    public OptionalInt minExpires() {
        return HeaderValues.deltaSeconds(headers.firstOrNull(HeaderNames.MIN_EXPIRES));
    }

    public OptionalInt retryAfter() {
        return HeaderValues.leadingDeltaSeconds(headers.firstOrNull(HeaderNames.RETRY_AFTER));
    }

    /** Authorization values that parse; malformed ones are left out (the raw text stays in headers()). */
    public List<AuthHeader> authorization() {
        List<AuthHeader> a = authorization;
        if (a == null) {
            authorization = a = auth(HeaderNames.AUTHORIZATION_ID, HeaderNames.AUTHORIZATION);
        }
        return a;
    }

    public List<AuthHeader> proxyAuthorization() {
        List<AuthHeader> a = proxyAuthorization;
        if (a == null) {
            proxyAuthorization = a = auth(HeaderNames.PROXY_AUTHORIZATION_ID, HeaderNames.PROXY_AUTHORIZATION);
        }
        return a;
    }

    public List<AuthHeader> wwwAuthenticate() {
        List<AuthHeader> a = wwwAuthenticate;
        if (a == null) {
            wwwAuthenticate = a = auth(HeaderNames.WWW_AUTHENTICATE_ID, HeaderNames.WWW_AUTHENTICATE);
        }
        return a;
    }

    public List<AuthHeader> proxyAuthenticate() {
        List<AuthHeader> a = proxyAuthenticate;
        if (a == null) {
            proxyAuthenticate = a = auth(HeaderNames.PROXY_AUTHENTICATE_ID, HeaderNames.PROXY_AUTHENTICATE);
        }
        return a;
    }

    private List<AuthHeader> auth(int id, String name) {
        List<AuthHeader> out = new ArrayList<>(1);
        for (int i = headers.indexOf(id, name, 0); i >= 0; i = headers.indexOf(id, name, i + 1)) {
            byte[] raw = headers.rawSource(i);
            AuthHeader h = raw != null ? AuthHeader.parseOrNull(raw, headers.rawFrom(i), headers.rawTo(i), headers.rawAscii())
                    : AuthHeader.parse(headers.get(i).value()).orElse(null);
            if (h != null) {
                out.add(h);
            }
        }
        return List.copyOf(out);
    }

    public List<String> supported() {
        return optionTags(HeaderNames.SUPPORTED);
    }

    public List<String> require() {
        return optionTags(HeaderNames.REQUIRE);
    }

    private List<String> optionTags(String name) {
        return List.copyOf(headers.splitValues(name));
    }

    public Optional<String> userAgent() {
        return headers.first(HeaderNames.USER_AGENT);
    }

    /** The index of the first field with that known-name id; throws when there is none. */
    private int requiredIndex(int id, String name) {
        int i = headers.indexOf(id, name, 0);
        if (i < 0) {
            throw missing(name);
        }
        return i;
    }

    private static InvalidHeaderException missing(String name) {
        return new InvalidHeaderException("missing " + name + " header");
    }

    @Override
    public String toString() {
        return startLine() + " (" + headers.size() + " headers, " + body.length + " body bytes)";
    }
}
