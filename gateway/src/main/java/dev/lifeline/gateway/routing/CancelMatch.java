package dev.lifeline.gateway.routing;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import java.util.Locale;

/**
 * Whether a CANCEL is for a caller's INVITE (RFC 3261 §9.2): it must name the INVITE's server
 * transaction — the same top Via (branch, sent-by, transport) — and copy its Request-URI,
 * Call-ID, From tag and CSeq number (§9.1). Call-ID alone is not enough: it also names the
 * dialog to anyone who saw one message of the call, and a CANCEL that matched on it let a
 * stranger end ringing calls. A CANCEL that matches no INVITE has been answered 481 by the
 * stack already; the call must then keep ringing.
 */
final class CancelMatch {

    private CancelMatch() {
    }

    static boolean matches(SipRequest invite, SipRequest cancel) {
        return cancel.isMethod("CANCEL")
                && invite.callId().equals(cancel.callId())
                && invite.cseq().number() == cancel.cseq().number()
                && invite.from().tag().equals(cancel.from().tag())
                && invite.requestUri().equals(cancel.requestUri())
                && sameTopVia(invite.topVia(), cancel.topVia());
    }

    /**
     * Branch, sent-by and transport; not received or rport, which the stack adds on arrival. An
     * RFC 2543 peer sends no branch: then the other fields above are what identifies the INVITE.
     */
    private static boolean sameTopVia(Via a, Via b) {
        return a.branch().equals(b.branch())
                && a.transport().equalsIgnoreCase(b.transport())
                && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
                && a.port() == b.port();
    }
}
