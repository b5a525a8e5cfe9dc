package dev.lifeline.sip.message;

/** A SIP response (RFC 3261 §7.2). Immutable; change it through {@link #toBuilder()}. */
public final class SipResponse extends BaseMessage implements SipMessage {

    private final int status;
    private final String reason;
    private final String startLine;

    private SipResponse(int status, String reason, String startLine, Headers headers, byte[] body, byte[] wire) {
        super(headers, body, wire);
        this.status = status;
        this.reason = reason;
        this.startLine = startLine;
    }

    public static Builder builder(int status, String reason) {
        return new Builder(status, reason);
    }

    /**
     * A response to {@code req} with Via (all, in order), From, To, Call-ID and CSeq copied
     * (RFC 3261 §8.2.6.2), and Timestamp for a 100 Trying (§8.2.6.1). Add a To tag with
     * {@link Builder#toTag(String)}.
     */
    public static Builder forRequest(SipRequest req, int status, String reason) {
        Builder b = new Builder(status, reason);
        b.request = req;
        Headers h = req.headers;
        for (int i = 0; i < h.size(); i++) {
            int id = h.nameId(i);
            if (id == HeaderNames.VIA_ID || id == HeaderNames.FROM_ID || id == HeaderNames.TO_ID
                    || id == HeaderNames.CALL_ID_ID || id == HeaderNames.CSEQ_ID
                    || (status == 100 && id == HeaderNames.TIMESTAMP_ID)) {
                b.fields.add(h.get(i));
            }
        }
        return b;
    }

    /**
     * For decoders: a response read from {@code wire}, which must be exactly the bytes the start
     * line, headers and body were parsed from ({@link #toBytes()} returns them).
     */
    public static SipResponse fromWire(String startLine, int status, String reason, Headers headers,
                                       byte[] body, byte[] wire) {
        return new SipResponse(status, reason, startLine, headers, body, wire);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isProvisional() {
        return status < 200;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String startLine() {
        return startLine != null ? startLine : "SIP/2.0 " + status + " " + reason;
    }

    @Override
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The response with its top Via removed, as a proxy forwards it (RFC 3261 §16.7). */
    public SipResponse withoutTopVia() {
        return toBuilder().popVia().build();
    }

    /** Builds responses; see {@link SipMessageBuilder}. */
    public static final class Builder extends SipMessageBuilder<Builder> {

        private static final String TAG_PARAM = ";tag=";

        private int status;
        private String reason;
        /** The request of forRequest: its parsed To is reused while the copied To field is unchanged. */
        private SipRequest request;

        Builder(int status, String reason) {
            status(status);
            reason(reason);
        }

        Builder(SipResponse r) {
            super(r.headers, r.body);
            this.status = r.status;
            this.reason = r.reason;
        }

        public Builder status(int s) {
            if (s < 100 || s > 699) {
                throw new IllegalArgumentException("status must be 100..699: " + s);
            }
            this.status = s;
            return this;
        }

        /** A null reason becomes the RFC 3261 §21 phrase for the status. */
        public Builder reason(String r) {
            String phrase = r == null ? ReasonPhrases.of(status) : r;
            if (phrase.indexOf('\r') >= 0 || phrase.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reason phrase contains CR or LF");
            }
            this.reason = phrase;
            return this;
        }

        /**
         * Adds a tag to To (RFC 3261 §8.2.6.2), or replaces an existing one. The original To text
         * is kept when it has no tag yet.
         */
        public Builder toTag(String tag) {
            if (!Cursor.isToken(tag)) {
                throw new IllegalArgumentException("tag must be a token: " + tag);
            }
            HeaderField field = firstField(HeaderNames.TO);
            if (field == null) {
                throw new IllegalStateException("no To header to tag");
            }
            boolean fromRequest = request != null && request.firstField(HeaderNames.TO) == field;
            if (fromRequest && request.to().tag().isEmpty()) {
                HeaderField tagged = taggedWire(field, tag);
                if (tagged != null) {
                    return setField(tagged);
                }
            }
            String to = field.value();
            NameAddress parsed = fromRequest
                    ? request.to() // same text, parsed and cached when the request was
                    : NameAddress.parse(to, HeaderNames.TO);
            String value = parsed.tag().isEmpty() ? to + ";tag=" + tag : parsed.withTag(tag).toString();
            return setHeader(HeaderNames.TO, value);
        }

        /**
         * The To field with ";tag=" appended as bytes, for a field still backed by ASCII wire bytes
         * that setHeader would keep as they are (they start with a visible character: nothing for
         * strip() to remove); null otherwise. Its text equals {@code to + ";tag=" + tag}.
         */
        @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies low bytes: exact for ASCII
        private static HeaderField taggedWire(HeaderField field, String tag) {
            byte[] w = field.wire();
            int from = field.wireFrom();
            int len = field.wireTo() - from;
            if (w == null || len == 0 || w[from] <= ' ' || !field.wireAscii()) {
                return null;
            }
            byte[] out = new byte[len + 5 + tag.length()];
            System.arraycopy(w, from, out, 0, len);
            TAG_PARAM.getBytes(0, 5, out, len);
            tag.getBytes(0, tag.length(), out, len + 5); // a token: ASCII
            return HeaderField.ofWire(HeaderNames.TO, out, 0, out.length, true);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public SipResponse build() {
            return new SipResponse(status, reason, null, finishHeaders(), body, null);
        }
    }
}
