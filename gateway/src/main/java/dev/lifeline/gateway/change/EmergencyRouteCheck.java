package dev.lifeline.gateway.change;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.routing.CallRouter;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.gateway.routing.RouteDecision;
import dev.lifeline.gateway.routing.TrunkDirectory;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A change must not break an emergency route: every number the configuration in force sends to
 * a trunk as an emergency call must still go out as one under the new configuration, asked of
 * the gateway's own router with every trunk reachable. Judged before anything is applied (a
 * broken emergency route is refused, not tried), so no one's 911 depends on a rollback timer.
 */
final class EmergencyRouteCheck {

    private EmergencyRouteCheck() {
    }

    /** What the new configuration breaks, in words; empty when every emergency route still reaches a trunk. */
    static Optional<String> broken(SiteConfig current, SiteConfig next) {
        if (current.extensions().isEmpty() || next.extensions().isEmpty()) {
            return Optional.empty();
        }
        Set<String> numbers = new LinkedHashSet<>(current.dialPlan().emergencyDialStrings());
        String before = current.extensions().getFirst().number();
        String after = next.extensions().getFirst().number();
        CallRouter was = new CallRouter(current);
        CallRouter will = new CallRouter(next);
        for (String number : numbers) {
            RouteDecision old = was.route(new CallRouter.Request(new Caller.Extension(before), number, number, before),
                    TrunkDirectory.everyConfigured(current));
            if (!(old instanceof RouteDecision.Emergency e) || e.attempts().isEmpty()) {
                continue;
            }
            RouteDecision now = will.route(new CallRouter.Request(new Caller.Extension(after), number, number, after),
                    TrunkDirectory.everyConfigured(next));
            if (!(now instanceof RouteDecision.Emergency n) || n.attempts().isEmpty()) {
                return Optional.of("emergency number " + number + " would no longer reach a trunk: it routes to "
                        + describe(now) + " (now: " + old.describe() + "); keep it in dialPlan.emergency");
            }
        }
        return Optional.empty();
    }

    private static String describe(RouteDecision d) {
        return d instanceof RouteDecision.Reject r ? r.status() + " " + r.reason() : d.describe();
    }
}
