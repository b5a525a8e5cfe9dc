package dev.lifeline.gateway.events;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event it is given, in order. */
public final class RecordingEventSink implements EventSink {

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void accept(Event event) {
        events.add(event);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends Event> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
