package dev.lifeline.gateway.web;

import dev.lifeline.gateway.calls.LegReading;
import dev.lifeline.gateway.routing.CallInfo;
import java.util.List;

/**
 * One call in {@code GET /api/calls}; {@code answered} is null while it rings. {@code legs} are
 * the phone↔gateway (lan) and gateway↔provider (wan) legs as the gateway's relay measured the
 * stream arriving on each (last 5 s report); {@code blame} says which is losing packets ("lan",
 * "wan", "both", "none", "unmeasured") and {@code blameReason} with what figure.
 */
public record CallReport(String id, String from, String to, String route, String started, String answered,
                         List<Leg> legs, String blame, String blameReason) {

    /**
     * One leg's incoming stream.
     *
     * @param side "lan" or "wan"
     * @param from who sends it: "phone 1001", "the provider"
     */
    public record Leg(String side, String from, long packets, double lossPercent, double jitterMillis, double r,
                      double mos) {

        static Leg of(LegReading l) {
            return new Leg(l.side().spelling(), l.from(), l.packets(), l.lossPercent(), l.jitterMillis(), l.r(), l.mos());
        }
    }

    public static CallReport of(CallInfo c) {
        return new CallReport(c.id(), c.from(), c.to(), c.route(), c.started().toString(),
                c.answered().map(Object::toString).orElse(null), c.legs().stream().map(Leg::of).toList(),
                c.blame().verdict().spelling(), c.blame().reason());
    }
}
