package dev.lifeline.gateway.web;

import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.CallInfo;
import java.time.Instant;
import java.util.List;

/** What the admin API reads from the running gateway. Each call must be cheap and must not block on I/O for long. */
public interface AdminView {

    StatusReport status();

    /** Bindings not expired now. */
    List<Binding> registrations();

    List<CallInfo> calls();

    /**
     * The metrics exposition in the Prometheus text format ({@code GET /metrics}); empty when
     * this gateway keeps none (then the endpoint is a 404).
     */
    default java.util.Optional<String> metrics() {
        return java.util.Optional.empty();
    }

    /**
     * Hands every event from now on to {@code sink} as it happens (the dashboard's live
     * stream); a view without an event stream ignores it.
     */
    default void subscribe(dev.lifeline.gateway.events.EventSink sink) {
    }

    /** The drill fault injector, when {@code admin.faultInjection} is on; empty otherwise (the API refuses with 403). */
    default java.util.Optional<dev.lifeline.gateway.fault.FaultInjector> faults() {
        return java.util.Optional.empty();
    }

    /** Change control ({@code /api/config/...}); empty when this gateway has none (then those endpoints are a 404). */
    default java.util.Optional<dev.lifeline.gateway.change.ChangeControl> changes() {
        return java.util.Optional.empty();
    }

    /** Events at or after {@code since}, oldest first, at most {@code limit}. */
    List<LoggedEvent> events(Instant since, int limit);
}
