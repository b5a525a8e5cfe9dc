package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.routing.CallRouter;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.gateway.routing.RouteDecision;
import dev.lifeline.gateway.routing.TrunkDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether every emergency number reaches a trunk, asked of the gateway's own router
 * ({@link CallRouter}) with every trunk reachable, and what happens with none reachable. The
 * numbers judged are the dial plan's, as dialled and after each outside-line code, plus the
 * numbers the site's country uses (by its country code, where this table knows them): a site in
 * country code 1 whose plan lacks 911 fails, because someone will dial it.
 */
final class EmergencyRoutes {

    /** The emergency numbers people dial, by E.164 country code; 112 for the European codes (3x, 4x). */
    private static final Map<String, List<String>> BY_COUNTRY = Map.ofEntries(
            Map.entry("1", List.of("911")), Map.entry("44", List.of("999", "112")),
            Map.entry("61", List.of("000", "112")), Map.entry("64", List.of("111")),
            Map.entry("81", List.of("110", "119")), Map.entry("91", List.of("112")),
            Map.entry("7", List.of("112")), Map.entry("27", List.of("10111", "112")));

    private EmergencyRoutes() {
    }

    static List<String> countryNumbers(String countryCode) {
        List<String> known = BY_COUNTRY.get(countryCode);
        if (known != null) {
            return known;
        }
        return countryCode.length() >= 2 && (countryCode.charAt(0) == '3' || countryCode.charAt(0) == '4')
                ? List.of("112") : List.of();
    }

    static List<Finding> judge(SiteConfig config) {
        List<Finding> out = new ArrayList<>();
        if (config.extensions().isEmpty()) {
            out.add(Finding.skip(Judge.EMERGENCY, "site", "no extensions: nobody to place an emergency call"));
            return out;
        }
        String caller = config.extensions().get(0).number();
        CallRouter router = new CallRouter(config);
        Set<String> numbers = new LinkedHashSet<>(config.dialPlan().emergencyDialStrings());
        List<String> country = countryNumbers(config.site().countryCode());
        numbers.addAll(country);
        if (numbers.isEmpty()) {
            out.add(Finding.fail(Judge.EMERGENCY, "site", "the dial plan has no emergency numbers",
                    "list them in dialPlan.emergency, e.g. [911] or [112]"));
            return out;
        }
        TrunkDirectory all = TrunkDirectory.everyConfigured(config);
        TrunkDirectory none = new NoneReachable(config);
        for (String number : numbers) {
            String source = config.dialPlan().emergency().contains(number) ? "dialPlan.emergency"
                    : country.contains(number) && config.dialPlan().emergencyNumber(number).isEmpty()
                    ? "the emergency number of country code " + config.site().countryCode() : "after an outside-line code";
            RouteDecision up = router.route(new CallRouter.Request(new Caller.Extension(caller), number, number, caller), all);
            if (!(up instanceof RouteDecision.Emergency e) || e.attempts().isEmpty()) {
                out.add(Finding.fail(Judge.EMERGENCY, "site", number + " (" + source + ") from extension " + caller
                                + " routes to: " + describe(up) + ", not to a trunk",
                        "add " + number + " to dialPlan.emergency"));
                continue;
            }
            RouteDecision down = router.route(new CallRouter.Request(new Caller.Extension(caller), number, number, caller),
                    none);
            if (down instanceof RouteDecision.Emergency d) {
                out.add(Finding.pass(Judge.EMERGENCY, "site", number + " → " + up.describe() + "; with no WAN: "
                        + d.describe()));
            } else {
                out.add(Finding.warn(Judge.EMERGENCY, "site", number + " → " + up.describe()
                                + "; with every WAN path down it is refused (" + describe(down) + ")",
                        "set dialPlan.whenNoTrunk.emergencyGroup (someone on site) or emergencyTrunk (a line needing no WAN)"));
            }
        }
        return out;
    }

    private static String describe(RouteDecision d) {
        return d instanceof RouteDecision.Reject r ? r.status() + " " + r.reason() : d.describe();
    }

    /** Every WAN path down: only the trunk the dial plan names as needing no WAN (whenNoTrunk.emergencyTrunk) is left. */
    private record NoneReachable(SiteConfig config) implements TrunkDirectory {
        @Override
        public Optional<TrunkRoute> reachable(String trunkName) {
            return config.dialPlan().whenNoTrunk().emergencyTrunk().filter(trunkName::equals)
                    .flatMap(name -> TrunkDirectory.everyConfigured(config).reachable(name));
        }

        @Override
        public String whyUnreachable(String trunkName) {
            return "trunk " + trunkName + ": every WAN path down";
        }
    }
}
