package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;

/**
 * The ACK an INVITE client transaction sends for a 300–699 response (§17.1.1.3). It is part of
 * the INVITE transaction, so it reuses the INVITE's branch and goes where the INVITE went.
 */
final class FailureAck {

    private FailureAck() {
    }

    static SipRequest of(SipRequest invite, SipResponse response) {
        var ack = SipRequest.builder("ACK", invite.requestUri())
                // Only the top Via: the ACK is sent from here, whatever Vias the INVITE carried.
                .header("Via", invite.topVia().toString());
        for (NameAddress route : invite.routes()) {
            ack.header("Route", route.toString());
        }
        return ack
                .header("Max-Forwards", "70")
                .header("From", invite.from().toString())
                // The response's To carries the tag of the UAS that refused; the ACK must reach it.
                .header("To", response.to().toString())
                .header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq().number() + " ACK")
                .build();
    }
}
