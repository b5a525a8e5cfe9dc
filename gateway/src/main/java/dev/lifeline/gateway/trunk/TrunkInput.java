package dev.lifeline.gateway.trunk;

import java.util.Objects;
import java.util.Optional;

/** What {@link TrunkRegistration} reacts to. */
public sealed interface TrunkInput {

    /** Begin: send the first REGISTER (or the first OPTIONS for a probe-only trunk). */
    record Start() implements TrunkInput {
    }

    /** Time passed: whatever is due (refresh, retry, keepalive) goes out. */
    record Tick() implements TrunkInput {
    }

    /** The REGISTER sent as {@code attempt} ended; results of superseded attempts are ignored. */
    record RegisterResult(int attempt, RegisterOutcome outcome) implements TrunkInput {
        public RegisterResult {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The OPTIONS sent as {@code probe} ended. Any final response counts as alive (a provider
     * answering 404 or 401 to OPTIONS is still there); only silence or a transport error fails.
     *
     * @param answer the final response, when one came
     * @param detail why nothing came back (empty when answered)
     */
    record ProbeResult(int probe, Optional<ResponseLine> answer, String detail) implements TrunkInput {
        public ProbeResult {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(detail, "detail");
        }

        public static ProbeResult answered(int probe, ResponseLine line) {
            return new ProbeResult(probe, Optional.of(line), "");
        }

        public static ProbeResult failed(int probe, String detail) {
            return new ProbeResult(probe, Optional.empty(), detail);
        }
    }

    /**
     * Register again now, whatever is in flight or scheduled, and forget past failures: the
     * signalling moved to another WAN path (new Contact), so the old path's backoff is no
     * guide to the new one.
     */
    record ReregisterNow(String reason) implements TrunkInput {
        public ReregisterNow {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Stop: unregister (Expires: 0) if a binding may exist, then stay disabled. */
    record Shutdown() implements TrunkInput {
    }
}
