package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Every typed field of a message, comparable with equals: what a round trip must preserve. */
record TypedView(String first, String second, List<Via> vias, NameAddress from, NameAddress to, String callId,
                 CSeq cseq, List<Contact> contacts, OptionalInt maxForwards, List<NameAddress> routes,
                 List<NameAddress> recordRoutes, Optional<String> contentType, OptionalInt expires,
                 OptionalInt minExpires, OptionalInt retryAfter, List<AuthHeader> authorization,
                 List<AuthHeader> wwwAuthenticate, List<String> supported, List<String> require,
                 Optional<String> userAgent, ByteBuffer body, int contentLength) {

    static TypedView of(SipMessage m) {
        String first = m instanceof SipRequest r ? r.method() : Integer.toString(((SipResponse) m).status());
        String second = m instanceof SipRequest r ? r.requestUri().toString() : ((SipResponse) m).reason();
        return new TypedView(first, second, m.vias(), m.from(), m.to(), m.callId(), m.cseq(), m.contacts(),
                m.maxForwards(), m.routes(), m.recordRoutes(), m.contentType(), m.expires(), m.minExpires(),
                m.retryAfter(), m.authorization(), m.wwwAuthenticate(), m.supported(), m.require(), m.userAgent(),
                ByteBuffer.wrap(m.body()), m.contentLength());
    }

    /** The same view for a re-serialized message, whose Content-Length is always the body length. */
    TypedView withContentLength(int n) {
        return new TypedView(first, second, vias, from, to, callId, cseq, contacts, maxForwards, routes, recordRoutes,
                contentType, expires, minExpires, retryAfter, authorization, wwwAuthenticate, supported, require,
                userAgent, body, n);
    }
}
