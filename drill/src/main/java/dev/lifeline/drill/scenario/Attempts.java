package dev.lifeline.drill.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a count of zero needs before it means anything. "No call failed" holds trivially when
 * no call was placed, and "no failover without a reason" when the gateway never failed over: an
 * SLO that a count be zero is therefore judged together with a check that what it counts
 * happened as the timeline planned — every planned call of its kind attempted (and at least one
 * planned), or at least one failover seen. {@link Scenario#evaluate} adds these checks after the
 * scenario's own SLOs, once each; a scenario that states one itself (same metric) keeps its own.
 */
final class Attempts {

    /** One kind of attempt: its metric and the metric of what was planned (empty: at least one). */
    private record Kind(String name, String attempted, String planned, String unit) {
    }

    private static final Kind CALLS = new Kind("calls attempted as planned", Metrics.CALLS_ATTEMPTED,
            Metrics.CALLS_PLANNED, "calls");
    private static final Kind INTERNAL = new Kind("internal calls attempted as planned",
            Metrics.INTERNAL_CALLS_ATTEMPTED, Metrics.INTERNAL_CALLS_PLANNED, "calls");
    private static final Kind INBOUND = new Kind("inbound calls attempted as planned", Metrics.INBOUND_ATTEMPTED,
            Metrics.INBOUND_PLANNED, "calls");
    private static final Kind EMERGENCY = new Kind("emergency calls attempted as planned",
            Metrics.EMERGENCY_ATTEMPTED, Metrics.EMERGENCY_PLANNED, "calls");
    private static final Kind FAILOVER = new Kind("a failover took place", Metrics.FAILOVERS, "", "failovers");

    /** Kinds of call a count over every call depends on: each that the timeline plans. */
    private static final List<Kind> ANY_CALL = List.of(CALLS, INBOUND, EMERGENCY);

    /** Zero-count metrics → what they count. */
    private static final Map<String, List<Kind>> COUNTS = Map.ofEntries(
            Map.entry(Metrics.CALLS_FAILED, List.of(CALLS)),
            Map.entry(Metrics.EXTERNAL_CALLS_FAILED, List.of(CALLS)),
            Map.entry(Metrics.EXTERNAL_FAILS_WITHOUT_REASON, List.of(CALLS)),
            Map.entry(Metrics.INTERNAL_CALLS_FAILED, List.of(INTERNAL)),
            Map.entry(Metrics.CALLER_ID_WRONG, List.of(INBOUND)),
            Map.entry(Metrics.CALLS_DROPPED, ANY_CALL),
            Map.entry(Metrics.ONE_WAY_AUDIO_CALLS, ANY_CALL),
            Map.entry(Metrics.HANGUPS_LOST, ANY_CALL),
            Map.entry(Metrics.FAILOVERS_WITHOUT_REASON, List.of(FAILOVER)));

    private Attempts() {
    }

    /** The checks {@code slos}' zero counts need, judged on {@code metrics}; none they state themselves. */
    static List<SloResult> checks(List<Slo> slos, Metrics metrics) {
        Set<Kind> kinds = new LinkedHashSet<>();
        for (Slo slo : slos) {
            if (!isZeroCount(slo)) {
                continue;
            }
            List<Kind> counted = COUNTS.getOrDefault(slo.metric(), List.of());
            if (counted == ANY_CALL) {
                List<Kind> planned = ANY_CALL.stream().filter(k -> metrics.get(k.planned()).orElse(0) > 0).toList();
                kinds.addAll(planned.isEmpty() ? List.of(CALLS) : planned);
            } else {
                kinds.addAll(counted);
            }
        }
        List<SloResult> out = new ArrayList<>();
        for (Kind k : kinds) {
            if (slos.stream().anyMatch(s -> s.metric().equals(k.attempted()))) {
                continue;
            }
            out.add(check(k, metrics));
        }
        return out;
    }

    private static boolean isZeroCount(Slo slo) {
        return slo.target() == 0 && (slo.comparator() == Slo.Comparator.EQUAL
                || slo.comparator() == Slo.Comparator.AT_MOST);
    }

    private static SloResult check(Kind k, Metrics metrics) {
        if (k.planned().isEmpty()) {
            return Slo.atLeast(k.name(), k.attempted(), 1, k.unit()).evaluate(metrics);
        }
        var planned = metrics.get(k.planned());
        if (planned.isPresent() && planned.getAsDouble() < 1) {
            // Nothing of the kind planned: the zero count it guards is about nothing.
            return Slo.atLeast(k.name().replace(" attempted as planned", " planned"), k.planned(), 1, k.unit())
                    .evaluate(metrics);
        }
        if (planned.isEmpty()) {
            return new SloResult(Slo.equalTo(k.name(), k.attempted(), 0, k.unit()), java.util.OptionalDouble.empty(), false,
                    "not measured: the number planned (" + k.planned() + ") is missing");
        }
        return Slo.equalTo(k.name(), k.attempted(), planned.getAsDouble(), k.unit()).evaluate(metrics);
    }
}
