package dev.lifeline.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One header field line: a canonical name (compact forms expanded) and its value with folding
 * unfolded and surrounding whitespace trimmed. Immutable; equal when name and value are equal.
 *
 * <p>A value taken from a parsed message may still be its wire bytes: it is decoded (UTF-8) on
 * first use, and a message that copies the field (a response built from a request) serializes
 * those bytes as they are. That is why this is a class and not a record: most header values a
 * proxy forwards are never read as text.
 */
public final class HeaderField {

    private final String name;
    /** The value; null until first read for a field still backed by wire bytes. */
    private String value;
    /** For a field read from the wire and not decoded at parse time: its value is raw[rawFrom, rawTo). */
    private final byte[] raw;
    private final int rawFrom;
    private final int rawTo;
    /** True when the raw bytes are known to be ASCII. */
    private final boolean rawAscii;

    public HeaderField(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.raw = null;
        this.rawFrom = 0;
        this.rawTo = 0;
        this.rawAscii = false;
    }

    /** A field whose value is the UTF-8 bytes {@code source[from, to)}, which must never change. */
    private HeaderField(String name, byte[] source, int from, int to, boolean ascii) {
        this.name = name;
        this.raw = source;
        this.rawFrom = from;
        this.rawTo = to;
        this.rawAscii = ascii;
    }

    /**
     * For {@link Headers}: a field backed by wire bytes (already trimmed and unfolded), decoded when
     * read; {@code ascii} when the decoder knows those bytes are ASCII.
     */
    static HeaderField ofWire(String name, byte[] source, int from, int to, boolean ascii) {
        return new HeaderField(name, source, from, to, ascii);
    }

    public String name() {
        return name;
    }

    /** The value as text (decoded on first use for a field backed by wire bytes; a benign race). */
    public String value() {
        String v = value;
        if (v == null) {
            value = v = rawAscii ? dev.lifeline.sip.uri.Ascii.string(raw, rawFrom, rawTo)
                    : new String(raw, rawFrom, rawTo - rawFrom, StandardCharsets.UTF_8);
        }
        return v;
    }

    /** The wire bytes of the value, or null for a field built from text; see {@link #wireFrom()}. */
    byte[] wire() {
        return raw;
    }

    int wireFrom() {
        return rawFrom;
    }

    int wireTo() {
        return rawTo;
    }

    /** True when the wire bytes are ASCII: known from the decoder, else checked. */
    boolean wireAscii() {
        return rawAscii || dev.lifeline.sip.uri.Ascii.isAscii(raw, rawFrom, rawTo);
    }

    /**
     * Checks a field supplied by code (not the parser): the name must be a token and the value
     * must not hold CR or LF, which would let a caller inject extra header lines (NUL is allowed:
     * it may appear escaped in a quoted string, RFC 4475 §3.1.1.2).
     */
    public static HeaderField checked(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        // A canonical constant (what the typed builder methods pass) is a token already.
        boolean canonical = HeaderNames.isCanonicalConstant(name);
        for (int i = 0; !canonical && i < name.length(); i++) {
            if (!Cursor.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name is not a token: '" + name + "'");
            }
        }
        if (value == null) {
            throw new IllegalArgumentException("header value is null for " + name);
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " contains CR or LF");
        }
        return new HeaderField(canonical ? name : HeaderNames.canonical(name), value.strip());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && name.equals(f.name) && value().equals(f.value());
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + value().hashCode();
    }

    @Override
    public String toString() {
        return "HeaderField[name=" + name + ", value=" + value() + "]";
    }
}
