package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.CallLimits;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a new call may start, given the calls up now: the decision without I/O. Every call
 * holds relay ports and, while it rings, INVITE transactions; unanswered INVITEs from one phone,
 * or sent from a forged provider address, would otherwise take them all. So:
 *
 * <ul>
 *   <li>an extension may have {@link CallLimits#callsPerExtension()} calls of its own up
 *       (ringing or answered); calls to it are not counted, its phones refuse those themselves;</li>
 *   <li>a trunk's provider may have {@link CallLimits#ringingPerTrunk()} calls ringing
 *       unanswered; answered calls are not counted, since only a phone's user answers one;</li>
 *   <li>emergency calls are never counted and never refused (DESIGN: "emergency never refused").</li>
 * </ul>
 *
 * Over a limit the answer is 503 with the reason: the request was valid and a later one will
 * be served (RFC 3261 §21.5.4), which 486 (the callee is busy) or 403 (never) would misstate.
 */
final class CallAdmission {

    /** A call in progress, as admission sees it. */
    record Up(Caller caller, boolean emergency, boolean ringing) {
        Up {
            Objects.requireNonNull(caller, "caller");
        }
    }

    private final CallLimits limits;

    CallAdmission(CallLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Empty to admit the call; else the refusal to answer with. */
    Optional<RouteDecision.Reject> check(Caller caller, RouteDecision decision, Collection<Up> up) {
        if (decision instanceof RouteDecision.Emergency || decision instanceof RouteDecision.Reject) {
            return Optional.empty();   // the first goes through whatever is up; the second costs nothing
        }
        return switch (caller) {
            case Caller.Extension e -> {
                long calls = up.stream().filter(u -> u.caller().equals(caller) && !u.emergency()).count();
                yield calls < limits.callsPerExtension() ? Optional.empty()
                        : Optional.of(new RouteDecision.Reject(503, "Service Unavailable: extension " + e.number()
                                + " has " + calls + " calls up already (limit " + limits.callsPerExtension() + ")"));
            }
            case Caller.Trunk t -> {
                long ringing = up.stream().filter(u -> u.caller().equals(caller) && u.ringing()).count();
                yield ringing < limits.ringingPerTrunk() ? Optional.empty()
                        : Optional.of(new RouteDecision.Reject(503, "Service Unavailable: " + ringing + " calls from trunk "
                                + t.name() + " ringing unanswered already (limit " + limits.ringingPerTrunk() + ")"));
            }
        };
    }
}
