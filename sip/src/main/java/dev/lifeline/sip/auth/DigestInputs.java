package dev.lifeline.sip.auth;

import java.util.Objects;

/**
 * Everything besides HA1 that goes into a digest {@code response} (RFC 7616 §3.4.1): the
 * challenge's nonce, the client's cnonce and nonce count, the qop, and the request itself.
 * Client and server compute the response through the same method, so they cannot drift.
 *
 * @param nonce  the server nonce, as sent
 * @param cnonce the client nonce; may be null only with {@link Qop#NONE} and a non-session algorithm
 * @param nc     the nonce count as 8 hex digits; null with {@link Qop#NONE}
 * @param qop    the quality of protection the client chose
 * @param method the SIP method, e.g. "REGISTER"
 * @param uri    the {@code uri} parameter (the Request-URI in SIP)
 * @param body   the message body; needed only for {@link Qop#AUTH_INT}, may be null otherwise
 */
public record DigestInputs(String nonce, String cnonce, String nc, Qop qop, String method, String uri, byte[] body) {

    public DigestInputs {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(qop, "qop");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (qop != Qop.NONE && (cnonce == null || nc == null)) {
            throw new IllegalArgumentException("qop=" + qop.wireName() + " needs cnonce and nc");
        }
        if (qop == Qop.AUTH_INT && body == null) {
            throw new IllegalArgumentException("qop=auth-int needs the body");
        }
    }

    /**
     * The {@code response} value for a base HA1 (H(user:realm:password), never the session HA1:
     * this method derives that itself when the algorithm is a {@code -sess} one).
     */
    public String response(DigestAlgorithm algorithm, String baseHa1) {
        if (algorithm.isSession() && cnonce == null) {
            throw new IllegalArgumentException("algorithm " + algorithm + " needs a cnonce");
        }
        String ha1 = algorithm.sessionHa1(baseHa1, nonce, cnonce);
        String ha2 = ha2(algorithm);
        if (qop == Qop.NONE) {
            return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.wireName() + ":" + ha2);
    }

    private String ha2(DigestAlgorithm algorithm) {
        if (qop == Qop.AUTH_INT) {
            return algorithm.hash(method + ":" + uri + ":" + algorithm.hash(body));
        }
        return algorithm.hash(method + ":" + uri);
    }

    @Override
    public String toString() {
        // The body may be large and is not useful in a log line; its length is.
        return "DigestInputs[nonce=" + nonce + ", cnonce=" + cnonce + ", nc=" + nc + ", qop=" + qop
                + ", method=" + method + ", uri=" + uri + ", body=" + (body == null ? "none" : body.length + " bytes") + "]";
    }
}
