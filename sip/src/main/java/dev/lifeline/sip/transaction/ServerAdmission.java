package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipRequest;

/**
 * Decides, before a server transaction exists, whether a new request gets one. Asked only for
 * requests that match no transaction (never for retransmissions, ACKs or responses), under
 * the layer's lock: it must be quick and must not block.
 */
@FunctionalInterface
public interface ServerAdmission<A> {

    /**
     * @param inProgress server transactions the TU has not answered finally yet
     */
    Admission admit(SipRequest request, A source, int inProgress);

    static <A> ServerAdmission<A> all() {
        return (request, source, inProgress) -> Admission.ADMIT;
    }
}
