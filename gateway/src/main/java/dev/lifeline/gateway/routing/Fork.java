package dev.lifeline.gateway.routing;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Target;
import java.util.Optional;

/**
 * One INVITE the B2BUA sent for a call (a B leg being set up). Touched only on the B2BUA's
 * thread. Tracks what RFC 3261 §9.1 needs for CANCEL: a CANCEL may only be sent once a
 * provisional response arrived, so a cancel wanted earlier waits for it.
 */
final class Fork {

    final RingPlan.Destination destination;
    final int step;
    final SipRequest invite;
    final Target target;
    final Optional<DigestClient> credentials;
    SipResponse provisional;
    boolean cancelWanted;
    boolean cancelSent;
    boolean done;
    Failure failure;

    Fork(RingPlan.Destination destination, int step, SipRequest invite, Target target, Optional<DigestClient> credentials) {
        this.destination = destination;
        this.step = step;
        this.invite = invite;
        this.target = target;
        this.credentials = credentials;
    }

    String callId() {
        return invite.callId();
    }

    boolean toTrunk() {
        return destination instanceof RingPlan.Destination.Provider;
    }

    String describe() {
        return switch (destination) {
            case RingPlan.Destination.Phone p -> "extension " + p.aor() + " at " + p.binding().flow();
            case RingPlan.Destination.Provider t -> "trunk " + t.attempt().route().name();
        };
    }

    /**
     * The INVITE as it went out last: a challenge answered by the stack resent it with a new
     * branch and CSeq, which the responses to it carry (their top Via is ours, §8.2.6.2).
     */
    SipRequest asAnsweredBy(SipResponse response) {
        String branch = response.topVia().branch().orElseThrow();
        return invite.toBuilder().topVia(invite.topVia().withBranch(branch)).cseq(response.cseq()).build();
    }
}
