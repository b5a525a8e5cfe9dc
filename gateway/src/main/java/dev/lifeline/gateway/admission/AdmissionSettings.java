package dev.lifeline.gateway.admission;

import java.time.Duration;
import java.util.Objects;

/**
 * How admission control behaves.
 *
 * @param targetWait    the wait of the oldest inbound request the gateway regards as its
 *                      limit (default 200 ms: a call set-up that waits longer is noticed). Shedding starts below it for OPTIONS and
 *                      scales with it for each class above (see {@link AdmissionPolicy}).
 * @param inProgress    server transactions in progress regarded as the same limit
 *                      (default 5,000: REGISTERs waiting for their COMMIT, unanswered INVITEs)
 * @param retryAfterMin the least Retry-After given with a 503, in seconds (default 1)
 * @param retryAfterMax the most (default 5); each 503 draws uniformly between the two, so
 *                      the phones refused together do not all come back together, and a
 *                      phone refused in a storm is back well within the storm's 10 s target
 * @param sourceRate    requests per second without credentials that one source address may
 *                      send (default 200; the providers' addresses are exempt)
 * @param sourceBurst   how many of them it may send at once (default 400)
 */
public record AdmissionSettings(Duration targetWait, int inProgress, int retryAfterMin, int retryAfterMax,
                               double sourceRate, int sourceBurst) {

    public static final AdmissionSettings DEFAULT =
            new AdmissionSettings(Duration.ofMillis(200), 5_000, 1, 5, 200, 400);

    public AdmissionSettings {
        Objects.requireNonNull(targetWait, "targetWait");
        if (targetWait.isNegative() || targetWait.isZero()) {
            throw new IllegalArgumentException("admission targetWait must be positive, was " + targetWait);
        }
        if (inProgress < 1) {
            throw new IllegalArgumentException("admission inProgress must be positive, was " + inProgress);
        }
        if (retryAfterMin < 0 || retryAfterMax < retryAfterMin) {
            throw new IllegalArgumentException("Retry-After range " + retryAfterMin + ".." + retryAfterMax + " is empty");
        }
        if (!(sourceRate > 0) || sourceBurst < 1) {
            throw new IllegalArgumentException("source rate and burst must be positive: " + sourceRate + "/s, "
                    + sourceBurst);
        }
    }

    public AdmissionSettings withSourceRate(double rate, int burst) {
        return new AdmissionSettings(targetWait, inProgress, retryAfterMin, retryAfterMax, rate, burst);
    }

    public AdmissionSettings withTargetWait(Duration wait) {
        return new AdmissionSettings(wait, inProgress, retryAfterMin, retryAfterMax, sourceRate, sourceBurst);
    }
}
