package dev.lifeline.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a request or response. Header names are canonicalized and values checked for CR/LF
 * (no header injection); {@code build()} always writes a Content-Length that matches the body.
 *
 * @param <B> the concrete builder, so that chained calls keep its type
 */
public abstract sealed class SipMessageBuilder<B extends SipMessageBuilder<B>>
        permits SipRequest.Builder, SipResponse.Builder {

    private static final byte[] NO_BODY = new byte[0];

    final List<HeaderField> fields;
    byte[] body = NO_BODY;

    SipMessageBuilder() {
        fields = new ArrayList<>(12);
    }

    SipMessageBuilder(Headers headers, byte[] body) {
        fields = new ArrayList<>(headers.size() + 2);
        fields.addAll(headers.all());
        this.body = body;
    }

    abstract B self();

    public abstract SipMessage build();

    /** Appends a header field. */
    public B header(String name, String value) {
        fields.add(HeaderField.checked(name, value));
        return self();
    }

    /** Appends a header field whose value is a typed value's {@code toString()}. */
    public B header(String name, Object value) {
        return header(name, String.valueOf(value));
    }

    /** Inserts a header field before all others (e.g. a proxy's own Via or Record-Route). */
    public B prependHeader(String name, String value) {
        fields.add(0, HeaderField.checked(name, value));
        return self();
    }

    /** Replaces all fields of that name with one, at the position of the first (else appended). */
    public B setHeader(String name, String value) {
        return setField(HeaderField.checked(name, value));
    }

    /** setHeader with a field already checked (or built from checked parts) and canonically named. */
    final B setField(HeaderField f) {
        int first = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (HeaderNames.same(fields.get(i).name(), f.name())) {
                if (first < 0) {
                    first = i;
                    fields.set(i, f);
                } else {
                    fields.remove(i--);
                }
            }
        }
        if (first < 0) {
            fields.add(f);
        }
        return self();
    }

    public B setHeader(String name, Object value) {
        return setHeader(name, String.valueOf(value));
    }

    public B removeHeader(String name) {
        String c = HeaderNames.canonical(name);
        fields.removeIf(f -> HeaderNames.same(f.name(), c));
        return self();
    }

    /** The first value of a header as currently built. */
    public Optional<String> firstHeader(String name) {
        String c = HeaderNames.canonical(name);
        for (HeaderField f : fields) {
            if (HeaderNames.same(f.name(), c)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The first field of that canonical name as currently built, or null. */
    final HeaderField firstField(String canonicalName) {
        int i = firstIndex(canonicalName);
        return i < 0 ? null : fields.get(i);
    }

    /** Sets the body and its Content-Type (Content-Length is written by build()). */
    public B body(String contentType, byte[] content) {
        setHeader(HeaderNames.CONTENT_TYPE, contentType);
        this.body = content == null ? NO_BODY : content.clone();
        return self();
    }

    /** Removes the body and its Content-Type. */
    public B noBody() {
        removeHeader(HeaderNames.CONTENT_TYPE);
        this.body = NO_BODY;
        return self();
    }

    // ---- typed conveniences ----

    public B from(NameAddress from) {
        return setHeader(HeaderNames.FROM, from.toString());
    }

    public B to(NameAddress to) {
        return setHeader(HeaderNames.TO, to.toString());
    }

    public B callId(String callId) {
        return setHeader(HeaderNames.CALL_ID, callId);
    }

    public B cseq(CSeq cseq) {
        return setHeader(HeaderNames.CSEQ, cseq.toString());
    }

    public B maxForwards(int hops) {
        if (hops < 0 || hops > 255) {
            throw new IllegalArgumentException("Max-Forwards must be 0..255: " + hops);
        }
        return setHeader(HeaderNames.MAX_FORWARDS, Integer.toString(hops));
    }

    public B contact(Contact contact) {
        return header(HeaderNames.CONTACT, contact.toString());
    }

    /** Adds a Via above all others. */
    public B pushVia(Via via) {
        return prependHeader(HeaderNames.VIA, via.toString());
    }

    /** Replaces the topmost Via value (other values on the same line are kept). */
    public B topVia(Via via) {
        int i = firstIndex(HeaderNames.VIA);
        if (i < 0) {
            return pushVia(via);
        }
        List<String> values = new ArrayList<>(2);
        Headers.split(fields.get(i).value(), values);
        String rest = values.size() > 1 ? ", " + String.join(", ", values.subList(1, values.size())) : "";
        fields.set(i, new HeaderField(HeaderNames.VIA, via + rest));
        return self();
    }

    /** Removes the topmost Via value (RFC 3261 §16.7 step 3 for a proxy forwarding a response). */
    public B popVia() {
        int i = firstIndex(HeaderNames.VIA);
        if (i < 0) {
            return self();
        }
        List<String> values = new ArrayList<>(2);
        Headers.split(fields.get(i).value(), values);
        if (values.size() <= 1) {
            fields.remove(i);
        } else {
            fields.set(i, new HeaderField(HeaderNames.VIA, String.join(", ", values.subList(1, values.size()))));
        }
        return self();
    }

    private int firstIndex(String canonicalName) {
        for (int i = 0; i < fields.size(); i++) {
            if (HeaderNames.same(fields.get(i).name(), canonicalName)) {
                return i;
            }
        }
        return -1;
    }

    /** The header fields with Content-Length set to the body length. */
    final Headers finishHeaders() {
        setHeader(HeaderNames.CONTENT_LENGTH, body.length == 0 ? "0" : Integer.toString(body.length));
        return Headers.of(fields);
    }
}
