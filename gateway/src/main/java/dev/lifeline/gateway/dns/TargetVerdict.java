package dev.lifeline.gateway.dns;

import dev.lifeline.sip.message.SipResponse;

/** What one target's outcome means for failover: see {@link TargetFailover#classify}. */
public sealed interface TargetVerdict {

    /** The target answered; this answer is the request's result. */
    record Answered(SipResponse response) implements TargetVerdict {
    }

    /** The target failed in a way the next target may not (RFC 3263 §4.3); try it. */
    record TryNext(String reason) implements TargetVerdict {
    }

    /** A failure no other target would change (e.g. credentials that cannot answer a challenge). */
    record Failed(Throwable error) implements TargetVerdict {
    }
}
