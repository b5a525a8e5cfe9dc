package dev.lifeline.gateway.calls;

import java.util.Objects;

/**
 * One leg of a call as the gateway's relay measured it: the stream that leg's endpoint sends
 * to the gateway (RFC 3550 reception statistics and the E-model rating of it).
 *
 * @param side         LAN (a phone) or WAN (the provider, over a path)
 * @param from         who sends the stream, for the operator: "the phone 1001", "the provider"
 * @param packets      RTP packets received
 * @param lossPercent  packets lost on the way to the gateway, in percent of those expected
 * @param jitterMillis RFC 3550 interarrival jitter
 * @param r            ITU-T G.107 R of the stream; {@code mos} the MOS-CQE it maps to
 */
public record LegReading(LegSide side, String from, long packets, double lossPercent, double jitterMillis,
                         double r, double mos) {

    public LegReading {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(from, "from");
    }

    public static LegReading of(LegSide side, String from, StreamQuality q) {
        return new LegReading(side, from, q.packets(), q.lossPercent(), q.jitterMillis(), q.r(), q.mos());
    }
}
