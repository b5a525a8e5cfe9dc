package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.RtcpCodec;
import dev.lifeline.media.rtp.RtcpResult;

/** Drops what is not compound RTCP (RFC 3550 A.2) and keeps the decoded reports for later stages. */
final class RtcpValidation implements Stage {

    private final LegCounters counters;

    RtcpValidation(LegCounters counters) {
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (!(RtcpCodec.decode(p.content) instanceof RtcpResult.Decoded decoded) || decoded.packets().isEmpty()) {
            return counters.drop(DropReason.MALFORMED_RTCP);
        }
        p.rtcp = true;
        p.rtcpPackets = decoded.packets();
        p.ssrc = decoded.packets().getFirst().ssrc();
        return p;
    }
}
