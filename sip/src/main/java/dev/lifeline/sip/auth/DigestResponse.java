package dev.lifeline.sip.auth;

import dev.lifeline.sip.message.AuthHeader;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The fields of an Authorization header (the "digest-response" of RFC 2617 §3.2.2), checked
 * for presence and form but not yet for truth. Parsing never throws: a bad header is a
 * {@link ParsedCredentials.Malformed} with a reason.
 */
record DigestResponse(String username, String realm, String nonce, String uri, String response,
                      DigestAlgorithm algorithm, Qop qop, String cnonce, String nc, long count,
                      Optional<String> opaque, boolean userhash) implements ParsedCredentials {

    static ParsedCredentials parse(AuthHeader header) {
        if (!header.isDigest()) {
            return new ParsedCredentials.Malformed("scheme " + Printable.of(header.scheme()) + " is not Digest");
        }
        for (String name : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (header.param(name).isEmpty()) {
                return new ParsedCredentials.Malformed("missing parameter " + name);
            }
        }
        String algorithmName = header.param("algorithm").orElse(DigestAlgorithm.MD5.wireName());
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromWireName(algorithmName);
        if (algorithm.isEmpty()) {
            return new ParsedCredentials.Malformed("unsupported algorithm " + Printable.of(algorithmName));
        }
        return withQop(header, algorithm.get());
    }

    private static ParsedCredentials withQop(AuthHeader header, DigestAlgorithm algorithm) {
        Optional<String> qopName = header.param("qop");
        Qop qop = qopName.isEmpty() ? Qop.NONE : Qop.fromWireName(qopName.get()).orElse(null);
        if (qop == null) {
            return new ParsedCredentials.Malformed("unsupported qop " + Printable.of(qopName.get()));
        }
        String cnonce = header.param("cnonce").orElse(null);
        String nc = header.param("nc").orElse(null);
        if (qop != Qop.NONE && (cnonce == null || nc == null)) {
            return new ParsedCredentials.Malformed("qop=" + qop.wireName() + " without cnonce and nc");
        }
        if (algorithm.isSession() && cnonce == null) {
            return new ParsedCredentials.Malformed("algorithm " + algorithm + " without cnonce");
        }
        long count = 0;
        if (qop != Qop.NONE) {
            if (nc.length() != 8 || !nc.chars().allMatch(HexFormat::isHexDigit) || (count = Long.parseLong(nc, 16)) == 0) {
                return new ParsedCredentials.Malformed("bad nc " + Printable.of(nc) + " (8 hex digits from 00000001 expected)");
            }
        }
        return new DigestResponse(header.param("username").get(), header.param("realm").get(),
                header.param("nonce").get(), header.param("uri").get(), header.param("response").get(),
                algorithm, qop, cnonce, qop == Qop.NONE ? null : nc, count, header.param("opaque"),
                header.param("userhash").filter("true"::equalsIgnoreCase).isPresent());
    }

    DigestInputs inputs(String method, byte[] body) {
        return new DigestInputs(nonce, cnonce, nc, qop, method, uri, body);
    }
}
