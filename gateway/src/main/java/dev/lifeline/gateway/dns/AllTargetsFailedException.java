package dev.lifeline.gateway.dns;

import dev.lifeline.sip.message.SipResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every provider target was tried and each failed over (timeout, transport error, 503). The
 * message names each target and why, in the order tried.
 */
public final class AllTargetsFailedException extends Exception {

    /** One target and why it failed. */
    public record TargetFailure(ProviderTarget target, String reason) {
        @Override
        public String toString() {
            return target + ": " + reason;
        }
    }

    private final transient List<TargetFailure> failures;
    private final transient SipResponse lastResponse;

    public AllTargetsFailedException(String trunk, String method, List<TargetFailure> failures, SipResponse lastResponse) {
        super(failures.isEmpty()
                ? method + " for trunk " + trunk + " was not sent: there are no provider targets"
                : method + " for trunk " + trunk + " failed on every provider target ("
                        + failures.size() + "): " + failures.stream().map(TargetFailure::toString).collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
        this.lastResponse = lastResponse;
    }

    public List<TargetFailure> failures() {
        return failures;
    }

    /** The last 503 received, when the last target answered one (its Retry-After may matter). */
    public Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }
}
