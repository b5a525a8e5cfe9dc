package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.uri.Uri;

/** Small, valid messages for the layer tests. */
final class Messages {

    private Messages() {
    }

    static SipRequest request(String method, String transport, String branch) {
        return request(method, transport, branch, 1);
    }

    static SipRequest request(String method, String transport, String branch, long cseq) {
        String via = "SIP/2.0/" + transport + " 192.0.2.10:5060" + (branch == null ? "" : ";branch=" + branch);
        return SipRequest.builder(method, Uri.parse("sip:bob@example.com"))
                .header("Via", via)
                .header("Via", "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKupstream")
                .header("Route", "<sip:proxy1.example.com;lr>")
                .header("Route", "<sip:proxy2.example.com;lr>")
                .header("Max-Forwards", "70")
                .header("From", "\"Alice\" <sip:alice@example.com>;tag=a1")
                .header("To", "<sip:bob@example.com>")
                .header("Call-ID", "call-1@192.0.2.10")
                .header("CSeq", cseq + " " + method)
                .build();
    }

    /** The request as its sender would build it for a CANCEL (§9.1): same Via, CSeq number. */
    static SipRequest cancelFor(SipRequest invite) {
        return SipRequest.builder("CANCEL", invite.requestUri())
                .header("Via", invite.topVia().toString())
                .header("Max-Forwards", "70")
                .header("From", invite.from().toString())
                .header("To", invite.to().toString())
                .header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq().number() + " CANCEL")
                .build();
    }

    /** The ACK an RFC 2543 or RFC 3261 client sends for a non-2xx response. */
    static SipRequest ackFor(SipRequest invite, SipResponse response) {
        return FailureAck.of(invite, response);
    }

    static SipResponse response(SipRequest request, int status) {
        var builder = SipResponse.forRequest(request, status, "Reason");
        return status > 100 ? builder.toTag("b2").build() : builder.build();
    }
}
