package dev.lifeline.gateway.web;

import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.storage.Instants;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@code GET /api/events}: {@code since} is a duration back from now
 * ({@code 10m}, {@code 2h}, {@code 1d}) or an ISO-8601 instant, default the last hour;
 * {@code limit} 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}.
 */
public record EventQuery(Instant since, int limit) {

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;
    /** No event is older. */
    static final Instant EARLIEST = Instant.EPOCH;
    /** The last time the log's epoch-nanosecond column holds. */
    static final Instant LATEST = Instants.fromNanos(Long.MAX_VALUE);

    /** The query, or an error message for a 400. */
    public sealed interface Parsed {
        record Ok(EventQuery query) implements Parsed {
        }

        record Invalid(String message) implements Parsed {
        }
    }

    public static Parsed parse(Map<String, String> params, Instant now) {
        Optional<Instant> since = Optional.of(now.minusSeconds(3600));
        String s = params.get("since");
        if (s != null) {
            since = instant(s, now);
            if (since.isEmpty()) {
                return new Parsed.Invalid("since=" + s + " is neither a duration (10m, 2h, 1d) nor an ISO-8601 instant");
            }
        }
        int limit = DEFAULT_LIMIT;
        String l = params.get("limit");
        if (l != null) {
            if (!l.matches("\\d{1,6}") || Integer.parseInt(l) < 1 || Integer.parseInt(l) > MAX_LIMIT) {
                return new Parsed.Invalid("limit=" + l + " is not a number from 1 to " + MAX_LIMIT);
            }
            limit = Integer.parseInt(l);
        }
        return new Parsed.Ok(new EventQuery(clamp(since.get()), limit));
    }

    /** The log stores times as epoch nanoseconds; a time outside what they hold asks for all or nothing. */
    private static Instant clamp(Instant since) {
        return since.isBefore(EARLIEST) ? EARLIEST : since.isAfter(LATEST) ? LATEST : since;
    }

    private static Optional<Instant> instant(String text, Instant now) {
        try {
            return Optional.of(now.minus(DurationFormat.parse(text)));
        } catch (IllegalArgumentException notADuration) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeException notAnInstant) {
                return Optional.empty();
            }
        } catch (DateTimeException | ArithmeticException beforeTime) {
            // A duration so long that now minus it is before any Instant: everything is since then.
            return Optional.of(EARLIEST);
        }
    }
}
