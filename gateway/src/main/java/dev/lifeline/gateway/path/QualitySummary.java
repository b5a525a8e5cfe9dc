package dev.lifeline.gateway.path;

import java.time.Instant;
import java.util.Objects;

/**
 * One window of a path's quality probe stream, as the failover policy and {@code lifeline status}
 * see it.
 *
 * @param from         send time of the window's first probe (the policy ignores a window that
 *                     reaches back into an outage it already knows about)
 * @param to           send time of its last probe
 * @param sent         probes in the window
 * @param lost         of which no echo came back in time
 * @param late         of which the echo came back, but later than the jitter buffer allows
 * @param lossPercent  lost / sent, in percent (network loss, without the late ones)
 * @param burstRatio   G.113 Appendix I burst ratio of the loss runs (1 = random)
 * @param rttMillis    mean round-trip time of the echoes, −1 when none came back
 * @param jitterMillis RFC 3550 §6.4.1 interarrival jitter of the echoes, in ms
 * @param r            ITU-T G.107 E-model R a G.711 call over this path would get
 */
public record QualitySummary(Instant from, Instant to, int sent, int lost, int late, double lossPercent,
                             double burstRatio, double rttMillis, double jitterMillis, double r) {

    public QualitySummary {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
