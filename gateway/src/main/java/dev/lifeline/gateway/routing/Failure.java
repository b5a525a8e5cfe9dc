package dev.lifeline.gateway.routing;

import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipAuthenticationException;
import dev.lifeline.sip.stack.SipTimeoutException;
import java.util.Collection;
import java.util.Comparator;
import java.util.concurrent.CompletionException;

/**
 * Why a fork or a step of a call failed, already in the terms the caller will be answered in.
 * The mapping is where a B2BUA has room (RFC 3261 leaves a UAS free to choose its response):
 * <ul>
 *   <li>a phone that never answers at all is 480 (it is not there), a provider 408;</li>
 *   <li>a 401/407 left after our credentials were tried means the provider refused them: the
 *       phone gets 503, never the provider's challenge, which it could not answer anyway;</li>
 *   <li>487 to our own CANCEL (ring timeout) is "no answer", 480;</li>
 *   <li>3xx are not followed (a redirect could take a call off-site unscreened): 480;</li>
 *   <li>anything else passes through with its reason phrase (486, 404, 603, 503…).</li>
 * </ul>
 *
 * @param unavailable true when the destination could not take the call at all (no answer,
 *                    408, 5xx, transport failure), which is when the next trunk is worth trying
 * @param generated   true when the gateway made this answer up; it then carries a Warning
 */
record Failure(int status, String reason, boolean unavailable, boolean generated) {

    static final Failure NO_ANSWER = new Failure(480, "Temporarily Unavailable: no answer", true, true);

    static Failure of(SipResponse response, boolean toTrunk) {
        int s = response.status();
        if (s == 401 || s == 407) {
            return new Failure(503, "Service Unavailable: the provider refused the trunk's credentials", true, true);
        }
        if (s == 487) {
            return NO_ANSWER;
        }
        if (s >= 300 && s < 400) {
            return new Failure(480, "Temporarily Unavailable: redirect (" + s + ") not followed", false, true);
        }
        if (s == 408 && !toTrunk) {
            return new Failure(480, "Temporarily Unavailable: the phone did not answer", true, true);
        }
        boolean unavailable = s == 408 || s == 500 || s == 502 || s == 503 || s == 504;
        return new Failure(s, response.reason(), unavailable, false);
    }

    static Failure of(Throwable error, String destination, boolean toTrunk) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof SipTimeoutException) {
            return toTrunk ? new Failure(408, "Request Timeout: " + destination + " did not answer", true, true)
                    : new Failure(480, "Temporarily Unavailable: " + destination + " did not answer", true, true);
        }
        if (e instanceof SipAuthenticationException) {
            return new Failure(503, "Service Unavailable: cannot authenticate to " + destination, true, true);
        }
        int status = toTrunk ? 503 : 480;
        String phrase = toTrunk ? "Service Unavailable: " : "Temporarily Unavailable: ";
        return new Failure(status, phrase + destination + " unreachable (" + e.getMessage() + ")", true, true);
    }

    /**
     * The failure to report of several forks rung together (RFC 3261 §16.7 step 6, simplified):
     * a 6xx refusal first, then busy, then the lowest status, since it is the most specific.
     */
    static Failure best(Collection<Failure> failures) {
        return failures.stream().min(Comparator.comparingInt(Failure::rank).thenComparingInt(Failure::status))
                .orElse(NO_ANSWER);
    }

    private int rank() {
        if (status >= 600) {
            return 0;
        }
        return status == 486 ? 1 : 2;
    }

    boolean isGlobal() {
        return status >= 600;
    }
}
