package dev.lifeline.gateway.events;

import java.util.List;

/**
 * Where events go. Must not block the caller for I/O: a sink that persists queues the event
 * and returns. Safe to call from any thread.
 */
@FunctionalInterface
public interface EventSink {

    void accept(Event event);

    default void acceptAll(List<? extends Event> events) {
        events.forEach(this::accept);
    }

    /** A sink that drops everything. */
    static EventSink discarding() {
        return event -> { };
    }
}
