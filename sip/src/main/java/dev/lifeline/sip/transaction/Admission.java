package dev.lifeline.sip.transaction;

import java.util.Objects;

/** What {@link ServerAdmission} decides for a request that would start a server transaction. */
public sealed interface Admission {

    Admission ADMIT = new Admit();

    /** Start the transaction and hand the request to the TU. */
    record Admit() implements Admission {
    }

    /**
     * Answer 503 statelessly, with {@code Retry-After} (RFC 3261 §21.5.4), and keep nothing.
     *
     * @param reason for the log and the counters, never sent
     */
    record Refuse(int retryAfterSeconds, String reason) implements Admission {
        public Refuse {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("Retry-After must not be negative: " + retryAfterSeconds);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Send nothing. For sources over their rate: an answer would only help a spoofed flood
     * reflect off the gateway.
     */
    record Drop(String reason) implements Admission {
        public Drop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
