package dev.lifeline.gateway.events;

/**
 * An event as read back from the log.
 *
 * @param id increasing in the order events were appended
 */
public record LoggedEvent(long id, Event event) {
}
