package dev.lifeline.gateway.trunk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** How one REGISTER ended, as the pure machine needs it: no messages, no exceptions. */
public sealed interface RegisterOutcome {

    /**
     * A final response. For a 401 or 407 the credentials were already sent and refused: the
     * stack answers the first challenge itself.
     *
     * @param granted    for a 2xx, the expiry the provider granted our Contact (its expires
     *                   parameter, else the Expires header, else what we asked for)
     * @param minExpires the Min-Expires of a 423
     * @param retryAfter the Retry-After in seconds, e.g. of a 503
     */
    record Answered(ResponseLine line, Optional<Duration> granted, OptionalInt minExpires, OptionalInt retryAfter)
            implements RegisterOutcome {
        public Answered {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(granted, "granted");
            Objects.requireNonNull(minExpires, "minExpires");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /** A response carrying nothing but its status line. */
        public static Answered of(int status, String reason) {
            return new Answered(new ResponseLine(status, reason), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
    }

    /** No final response before Timer F. */
    record TimedOut(String detail) implements RegisterOutcome {
    }

    /** The transport could not send (TCP refused, TLS handshake failed, no route). */
    record TransportFailed(String detail) implements RegisterOutcome {
    }

    /** The provider's challenge could not be answered at all (e.g. an unsupported algorithm). */
    record Unanswerable(String detail) implements RegisterOutcome {
    }
}
