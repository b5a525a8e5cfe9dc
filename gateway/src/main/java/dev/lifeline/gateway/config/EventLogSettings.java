package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the event log is kept (the {@code events:} section). Rows older than
 * {@code keepFor} are deleted, and the oldest beyond {@code maxRows}, whichever bites first.
 * Events that anyone on the network can cause (refused registrations, failed authentication) are
 * folded: repeats of one kind from one source address within {@code repeatWindow} add to a count
 * on the first one's row instead of adding rows.
 */
public record EventLogSettings(Duration keepFor, int maxRows, Duration repeatWindow) {

    /** 30 days, a million rows (a few hundred MB at most), repeats folded per minute. */
    public static final EventLogSettings DEFAULT = new EventLogSettings(Duration.ofDays(30), 1_000_000,
            Duration.ofMinutes(1));

    public EventLogSettings {
        Objects.requireNonNull(keepFor, "keepFor");
        Objects.requireNonNull(repeatWindow, "repeatWindow");
        if (keepFor.isNegative() || keepFor.isZero() || maxRows < 1 || repeatWindow.isNegative()
                || repeatWindow.isZero()) {
            throw new IllegalArgumentException("keepFor, maxRows and repeatWindow must be positive");
        }
    }
}
