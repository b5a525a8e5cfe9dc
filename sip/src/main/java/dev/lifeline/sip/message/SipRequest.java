package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.Uri;

/** A SIP request (RFC 3261 §7.1). Immutable; change it through {@link #toBuilder()} or a withX method. */
public final class SipRequest extends BaseMessage implements SipMessage {

    private final String method;
    private final Uri requestUri;
    private final String startLine;

    private SipRequest(String method, Uri requestUri, String startLine, Headers headers, byte[] body, byte[] wire) {
        super(headers, body, wire);
        this.method = method;
        this.requestUri = requestUri;
        this.startLine = startLine;
    }

    public static Builder builder(String method, Uri requestUri) {
        return new Builder(method, requestUri);
    }

    /**
     * For decoders: a request read from {@code wire}, which must be exactly the bytes the start
     * line, headers and body were parsed from ({@link #toBytes()} returns them).
     */
    public static SipRequest fromWire(String startLine, String method, Uri requestUri, Headers headers,
                                      byte[] body, byte[] wire) {
        return new SipRequest(method, requestUri, startLine, headers, body, wire);
    }

    public String method() {
        return method;
    }

    public Uri requestUri() {
        return requestUri;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    @Override
    public String startLine() {
        return startLine != null ? startLine : method + " " + requestUri + " SIP/2.0";
    }

    @Override
    public Builder toBuilder() {
        return new Builder(this);
    }

    public SipRequest withRequestUri(Uri uri) {
        return toBuilder().requestUri(uri).build();
    }

    public SipRequest withTopVia(Via via) {
        return toBuilder().topVia(via).build();
    }

    public SipRequest withMaxForwards(int hops) {
        return toBuilder().maxForwards(hops).build();
    }

    public SipRequest withHeader(String name, String value) {
        return toBuilder().setHeader(name, value).build();
    }

    /** Builds requests; see {@link SipMessageBuilder}. */
    public static final class Builder extends SipMessageBuilder<Builder> {

        private String method;
        private Uri requestUri;

        Builder(String method, Uri requestUri) {
            method(method);
            requestUri(requestUri);
        }

        Builder(SipRequest r) {
            super(r.headers, r.body);
            this.method = r.method;
            this.requestUri = r.requestUri;
        }

        public Builder method(String m) {
            if (!Cursor.isToken(m)) {
                throw new IllegalArgumentException("method must be a token: " + m);
            }
            this.method = m;
            return this;
        }

        public Builder requestUri(Uri uri) {
            if (uri == null) {
                throw new IllegalArgumentException("request URI is null");
            }
            this.requestUri = uri;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public SipRequest build() {
            return new SipRequest(method, requestUri, null, finishHeaders(), body, null);
        }
    }
}
