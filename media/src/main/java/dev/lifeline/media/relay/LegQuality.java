package dev.lifeline.media.relay;

import dev.lifeline.media.quality.PathMeasurement;
import dev.lifeline.media.quality.QualityEstimator;
import dev.lifeline.media.quality.Rating;
import dev.lifeline.media.rtp.ReceptionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The quality of the stream a leg's endpoint sends to the relay, at a moment: what the gateway
 * turns into events and call records. Leg A's report is the A→B direction as far as the
 * gateway, leg B's the B→A direction; RTT is the round trip between the relay and that leg's
 * endpoint.
 *
 * @param sessionId    the relay session
 * @param leg          the leg whose incoming stream this is
 * @param at           when it was taken
 * @param isFinal      true for the report at the end of the session
 * @param codec        the codec the rating assumes
 * @param packets      packets received (RFC 3550 count, duplicates included)
 * @param expected     packets expected from the sequence numbers
 * @param lossPercent  packets never received, in percent of expected
 * @param burstRatio   G.113 burst ratio of the losses
 * @param duplicates   packets received more than once
 * @param jitterMillis RFC 3550 interarrival jitter
 * @param rtt          round trip relay ↔ endpoint from RTCP, when a report block allowed it
 * @param rating       the G.107 E-model rating: {@code rating.r()} and {@code rating.mos()}
 */
public record LegQuality(String sessionId, Leg leg, Instant at, boolean isFinal, StreamCodec codec,
                         long packets, long expected, double lossPercent, double burstRatio, long duplicates,
                         double jitterMillis, Optional<Duration> rtt, Rating rating) {

    public double r() {
        return rating.r();
    }

    public double mos() {
        return rating.mos();
    }

    /**
     * Rates a reception snapshot. Mouth-to-ear delay = half the RTT (network) + a jitter buffer of
     * twice the measured jitter but at least {@code minJitterBuffer} (what adaptive buffers in
     * phones settle at) + one packet time (packetization).
     */
    static LegQuality rate(String sessionId, Leg leg, Instant at, boolean isFinal, StreamCodec codec,
                           ReceptionSnapshot s, Optional<Duration> rtt, Duration minJitterBuffer) {
        Duration buffer = Duration.ofNanos(Math.max(minJitterBuffer.toNanos(), (long) (2 * s.jitterMillis() * 1e6)));
        PathMeasurement m = new PathMeasurement(Math.clamp(s.lossFraction(), 0, 1), s.burstRatio(),
                rtt.map(d -> d.dividedBy(2)).orElse(Duration.ZERO), buffer, codec.packetTime());
        Rating rating = QualityEstimator.estimate(codec.impairment(), m);
        return new LegQuality(sessionId, leg, at, isFinal, codec, s.received(), s.expected(), 100 * m.lossFraction(),
                s.burstRatio(), s.duplicates(), s.jitterMillis(), rtt, rating);
    }
}
