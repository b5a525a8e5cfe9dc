package dev.lifeline.gateway.web;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest quality the media relay reported for each call still up, read from the event
 * stream ({@code CallQuality} while a call lasts, forgotten at {@code CallEnded}), so the
 * dashboard shows a live MOS without measuring anything itself. Bounded: beyond
 * {@value #MAX_CALLS} calls a new call's quality is not tracked. Thread-safe.
 */
public final class LiveCallQuality implements EventSink {

    static final int MAX_CALLS = 20_000;

    /** The latest report per direction; NaN while that direction has none. */
    public record Mos(double fromCaller, double fromCallee) {

        /** The worse direction, NaN if neither is known: what a listener on the bad side hears. */
        public double worst() {
            if (Double.isNaN(fromCaller)) {
                return fromCallee;
            }
            return Double.isNaN(fromCallee) ? fromCaller : Math.min(fromCaller, fromCallee);
        }
    }

    private final Map<String, Mos> calls = new ConcurrentHashMap<>();

    @Override
    public void accept(Event event) {
        switch (event) {
            case Event.CallQuality q -> {
                if (!calls.containsKey(q.callId()) && calls.size() >= MAX_CALLS) {
                    return;
                }
                boolean fromCaller = q.direction().equals("from caller");
                calls.merge(q.callId(), fromCaller ? new Mos(q.mos(), Double.NaN) : new Mos(Double.NaN, q.mos()),
                        (old, now) -> fromCaller ? new Mos(q.mos(), old.fromCallee()) : new Mos(old.fromCaller(), q.mos()));
            }
            case Event.CallEnded e -> calls.remove(e.callId());
            default -> {
            }
        }
    }

    /** Forgets calls not in {@code active} (one whose end was never reported must not stay forever). */
    public void retain(java.util.Set<String> active) {
        calls.keySet().retainAll(active);
    }

    public Optional<Mos> of(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }
}
