package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.sip.message.SipResponse;
import java.util.List;

/**
 * What to do with a REGISTER: make the changes durable, then send the response and emit the
 * events. A failed commit replaces the response by a 500 and drops the events (§10.3 step 7).
 */
public record RegistrarDecision(SipResponse response, List<BindingChange> changes, List<Event> events) {

    public RegistrarDecision {
        changes = List.copyOf(changes);
        events = List.copyOf(events);
    }

    public static RegistrarDecision respond(SipResponse response, List<Event> events) {
        return new RegistrarDecision(response, List.of(), events);
    }
}
