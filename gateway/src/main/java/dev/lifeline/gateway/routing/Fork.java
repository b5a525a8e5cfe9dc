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
    /** Which of the destination's targets this INVITE went to (a provider's RFC 3263 list; 0 for a phone). */
    final int attempt;
    SipResponse provisional;
    /** A provisional other than 100 arrived: the callee may ring, so no other target is tried (RFC 3263 §4.3). */
    boolean committed;
    /** The highest CSeq seen in a response (a challenge answered by the stack raised it). */
    long lastCseq;
    boolean cancelWanted;
    boolean cancelSent;
    boolean done;
    Failure failure;

    Fork(RingPlan.Destination destination, int step, SipRequest invite, Target target, Optional<DigestClient> credentials,
         int attempt) {
        this.destination = destination;
        this.step = step;
        this.invite = invite;
        this.target = target;
        this.credentials = credentials;
        this.attempt = attempt;
        this.lastCseq = invite.cseq().number();
    }

    /** Notes a response to this INVITE (provisional or final). */
    void saw(SipResponse response) {
        lastCseq = Math.max(lastCseq, response.cseq().number());
        if (response.isProvisional() && response.status() > 100) {
            committed = true;
        }
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
