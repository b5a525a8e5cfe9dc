package dev.lifeline.bench;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;

/** The registrar/proxy consumer work done with Lifeline's SIP core: same fields as {@link JainSipWork}. */
final class LifelineWork {

    private static final SipParser PARSER = new SipParser();

    private LifelineWork() {
    }

    static byte[] register(byte[] wire) {
        SipRequest req = parse(wire);
        int sink = common(req);
        Contact contact = req.contacts().get(0);
        sink += contact.uri().toString().hashCode() + contact.expires().orElse(-1);
        AuthHeader auth = req.authorization().get(0);
        sink += auth.param("username").orElseThrow().hashCode() + auth.param("realm").orElseThrow().hashCode()
                + auth.param("nonce").orElseThrow().hashCode() + auth.param("uri").orElseThrow().hashCode()
                + auth.param("response").orElseThrow().hashCode() + auth.param("cnonce").orElseThrow().hashCode()
                + Integer.parseInt(auth.param("nc").orElseThrow(), 16) + auth.param("qop").orElseThrow().hashCode();
        return SipResponse.forRequest(req, 200, "OK")
                .toTag("a6c85cf" + (sink & 0xff))
                .contact(contact)
                .build()
                .toBytes();
    }

    static byte[] invite(byte[] wire) {
        SipRequest req = parse(wire);
        int sink = common(req);
        sink += req.contacts().get(0).uri().toString().hashCode();
        sink += req.requestUri().toString().hashCode();
        AuthHeader auth = req.proxyAuthorization().get(0);
        sink += auth.param("username").orElseThrow().hashCode() + auth.param("nonce").orElseThrow().hashCode()
                + auth.param("response").orElseThrow().hashCode();
        byte[] body = req.body();
        sink += SdpLines.connectionAndMedia(body);
        return SipResponse.forRequest(req, 200, "OK")
                .toTag("b7d96e" + (sink & 0xff))
                .body(req.contentType().orElseThrow(), body)
                .build()
                .toBytes();
    }

    private static SipRequest parse(byte[] wire) {
        ParseResult r = PARSER.parse(wire, 0, wire.length);
        if (r instanceof ParseResult.Ok ok && ok.message() instanceof SipRequest req) {
            return req;
        }
        throw new IllegalStateException("bench message did not parse: " + r);
    }

    private static int common(SipMessage m) {
        return m.topVia().branch().orElseThrow().hashCode()
                + m.from().tag().orElseThrow().hashCode()
                + m.to().uri().toString().hashCode()
                + m.callId().hashCode()
                + (int) m.cseq().number() + m.cseq().method().hashCode();
    }
}
