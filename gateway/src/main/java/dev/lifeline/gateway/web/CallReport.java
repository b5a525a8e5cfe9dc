package dev.lifeline.gateway.web;

import dev.lifeline.gateway.routing.CallInfo;

/** One call in {@code GET /api/calls}; {@code answered} is null while it rings. */
public record CallReport(String id, String from, String to, String route, String started, String answered) {

    public static CallReport of(CallInfo c) {
        return new CallReport(c.id(), c.from(), c.to(), c.route(), c.started().toString(),
                c.answered().map(Object::toString).orElse(null));
    }
}
