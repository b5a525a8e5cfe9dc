package dev.lifeline.gateway.path;

import dev.lifeline.media.quality.PathMeasurement;
import dev.lifeline.media.quality.QualityEstimator;
import dev.lifeline.media.rtp.LossRunMeter;
import java.time.Duration;
import java.util.List;

/**
 * Pure figures of a window of probe outcomes: loss, burstiness, RTT, jitter and E-model R.
 *
 * <ul>
 *   <li>Loss and burst ratio: every probe position in sequence order through
 *       {@link LossRunMeter} (G.113 Appendix I BurstR, as G.107 §7.5 uses it).</li>
 *   <li>Jitter: RFC 3550 §6.4.1, J += (|D| − J) / 16 with D the change in transit time between
 *       consecutive echoes. Sender and receiver share one clock here, so transit = RTT and the
 *       figure is the round trip's jitter (both directions), an upper bound on one way.</li>
 *   <li>R: {@link QualityEstimator} for the model's codec (G.711 with PLC, Bpl 25.1 from G.113),
 *       mouth-to-ear delay = RTT/2 + jitter buffer + packetisation; probes later than the jitter
 *       buffer allows count as lost, because a receiver would have discarded them.</li>
 * </ul>
 */
public final class QualityStatistics {

    private QualityStatistics() {
    }

    /**
     * Summarises outcomes (in sequence order, all of the same window).
     *
     * @throws IllegalArgumentException when there are no outcomes: an empty window has no figures
     */
    public static QualitySummary summarize(List<ProbeOutcome> outcomes, QualityModel model) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a quality window needs at least one probe");
        }
        long minRtt = Long.MAX_VALUE;
        for (ProbeOutcome o : outcomes) {
            if (o.rtt().isPresent()) {
                minRtt = Math.min(minRtt, o.rtt().get().toNanos());
            }
        }
        long lateNanos = 2 * model.jitterBuffer().toNanos();
        LossRunMeter network = new LossRunMeter();
        LossRunMeter played = new LossRunMeter();
        int late = 0;
        long rttSum = 0;
        int heard = 0;
        double jitter = 0;
        long previousTransit = Long.MIN_VALUE;
        for (ProbeOutcome o : outcomes) {
            network.record(o.isLost());
            if (o.isLost()) {
                played.record(true);
                continue;
            }
            long rtt = o.rtt().get().toNanos();
            boolean tooLate = rtt - minRtt > lateNanos;
            late += tooLate ? 1 : 0;
            played.record(tooLate);
            rttSum += rtt;
            heard++;
            if (previousTransit != Long.MIN_VALUE) {
                jitter += (Math.abs(rtt - previousTransit) - jitter) / 16;
            }
            previousTransit = rtt;
        }
        int sent = outcomes.size();
        int lost = sent - heard;
        double meanRtt = heard == 0 ? -1 : rttSum / (double) heard / 1e6;
        double playedLoss = (double) played.lost() / sent;
        Duration oneWay = heard == 0 ? Duration.ZERO : Duration.ofNanos(rttSum / heard / 2);
        double r = QualityEstimator.estimate(model.codec(), new PathMeasurement(playedLoss,
                played.burstRatio(), oneWay, model.jitterBuffer(), model.codingDelay())).r();
        return new QualitySummary(outcomes.getFirst().sent(), outcomes.getLast().sent(), sent, lost, late,
                100.0 * lost / sent, network.burstRatio(), meanRtt, jitter / 1e6, r);
    }
}
