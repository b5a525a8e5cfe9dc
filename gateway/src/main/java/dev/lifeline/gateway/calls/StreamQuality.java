package dev.lifeline.gateway.calls;

import dev.lifeline.media.relay.LegQuality;

/**
 * One direction of a call's audio as the relay received it.
 *
 * @param packets      RTP packets received
 * @param lossPercent  packets lost, in percent of those expected
 * @param jitterMillis RFC 3550 interarrival jitter
 * @param r            ITU-T G.107 transmission rating
 * @param mos          the MOS the rating maps to
 */
public record StreamQuality(long packets, double lossPercent, double jitterMillis, double r, double mos) {

    /** No media flowed (the call was not answered, or the endpoint never sent). */
    public static final StreamQuality NONE = new StreamQuality(0, 0, 0, 0, 0);

    /** The relay's report; a rating without any packets behind it means nothing, so it reads as NONE. */
    public static StreamQuality of(LegQuality q) {
        return q.packets() == 0 ? NONE : new StreamQuality(q.packets(), q.lossPercent(), q.jitterMillis(), q.r(), q.mos());
    }
}
