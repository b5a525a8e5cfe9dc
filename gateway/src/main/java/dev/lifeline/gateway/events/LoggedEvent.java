package dev.lifeline.gateway.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as read back from the log; a row may stand for repeats of it (see {@link SqliteEventLog}).
 *
 * @param id          increasing in the order events were appended
 * @param occurrences how many events of this kind from this source the row counts, 1 for most
 * @param lastAt      when the last of them happened ({@code event.at()} when there was one)
 * @param manySources true when the repeats came from many source addresses, not only the event's
 */
public record LoggedEvent(long id, Event event, long occurrences, Instant lastAt, boolean manySources) {

    public LoggedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(lastAt, "lastAt");
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1, got " + occurrences);
        }
    }

    /** A row that stands for one event. */
    public LoggedEvent(long id, Event event) {
        this(id, event, 1, event.at(), false);
    }
}
