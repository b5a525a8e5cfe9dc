package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.RtpPacket;

/**
 * Feeds every RTP packet the leg accepted into its {@link dev.lifeline.media.rtp.ReceiverStatistics}.
 * Never drops: duplicates and jumps are the endpoints' business, a relay only measures them.
 */
final class Statistics implements Stage {

    private final RelayLeg leg;

    Statistics(RelayLeg leg) {
        this.leg = leg;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (!p.rtcp) {
            leg.statistics.received(RtpPacket.sequenceNumber(p.content), RtpPacket.timestamp(p.content), p.arrivalNanos);
        }
        return p;
    }
}
