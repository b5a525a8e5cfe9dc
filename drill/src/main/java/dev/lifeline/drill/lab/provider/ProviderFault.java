package dev.lifeline.drill.lab.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one provider target does, switched at runtime by a drill (failure mode F7 and the
 * provider half of F2). A silent or dropped target keeps its calls' state in the provider; a
 * dropped one loses its calls' media, as a crashed node would.
 */
public sealed interface ProviderFault {

    /** Answers normally. */
    Healthy HEALTHY = new Healthy();
    /** Stops answering SIP: every inbound message is dropped before parsing (no transaction, no reply). */
    Silent SILENT = new Silent();
    /** The target is gone: SIP stack and reflector closed, its calls' media stopped. */
    Dropped DROPPED = new Dropped();

    record Healthy() implements ProviderFault {
    }

    /**
     * The SIP service hangs (a stuck node or a black-holing firewall). The probe reflector keeps
     * echoing: the host is up, only SIP is not.
     */
    record Silent() implements ProviderFault {
    }

    /**
     * Answers every request (but ACK and CANCEL, which have no answer) with {@code status}: 503 for
     * an overloaded or drained node, 408 for one that cannot reach its back end.
     *
     * @param retryAfter sent as Retry-After (RFC 3261 §20.33) when present
     */
    record Reject(int status, String reason, Optional<Duration> retryAfter) implements ProviderFault {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a rejecting fault needs a final error status 300..699, got " + status);
            }
        }
    }

    record Dropped() implements ProviderFault {
    }

    /** 503 Service Unavailable with Retry-After. */
    static Reject serviceUnavailable(Duration retryAfter) {
        return new Reject(503, "Service Unavailable", Optional.of(retryAfter));
    }

    /** 408 Request Timeout, as some providers answer when their core does not respond. */
    static Reject requestTimeout() {
        return new Reject(408, "Request Timeout", Optional.empty());
    }
}
