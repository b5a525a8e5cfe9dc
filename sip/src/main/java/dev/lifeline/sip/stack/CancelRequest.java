package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;

/** Builds the CANCEL for an INVITE we sent (RFC 3261 §9.1). */
public final class CancelRequest {

    private CancelRequest() {
    }

    /**
     * The CANCEL for {@code invite} as it was sent (with its Via, see {@link SipStack#prepare}):
     * same Request-URI, Call-ID, From, To and CSeq number; only the INVITE's top Via, so the
     * server matches it to the INVITE's transaction (§9.2); the INVITE's Route set, so it takes
     * the same path. Send it to the same target as the INVITE.
     */
    public static SipRequest of(SipRequest invite) {
        if (!invite.isMethod("INVITE")) {
            throw new IllegalArgumentException("only an INVITE can be cancelled, not " + invite.method());
        }
        SipRequest.Builder cancel = SipRequest.builder("CANCEL", invite.requestUri())
                .pushVia(invite.topVia())
                .from(invite.from())
                .to(invite.to())
                .callId(invite.callId())
                .cseq(new CSeq(invite.cseq().number(), "CANCEL"))
                .maxForwards(70);
        for (NameAddress route : invite.routes()) {
            cancel.header(HeaderNames.ROUTE, route.toString());
        }
        return cancel.build();
    }
}
