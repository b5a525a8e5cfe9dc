package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.RtpPacket;

/**
 * Drops what is not RTP (RFC 3550 §5.1). RTCP multiplexed on the RTP port (RFC 5761) is let
 * through untouched for the far end; it is not measured.
 */
final class RtpValidation implements Stage {

    private final LegCounters counters;

    RtpValidation(LegCounters counters) {
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (RtpPacket.isRtcp(p.content) && p.content.readableBytes() >= 8) {
            p.rtcp = true;
            p.ssrc = p.content.getUnsignedInt(p.content.readerIndex() + 4);
            return p;
        }
        if (!RtpPacket.check(p.content).isValid()) {
            return counters.drop(DropReason.MALFORMED_RTP);
        }
        p.ssrc = RtpPacket.ssrc(p.content);
        return p;
    }
}
