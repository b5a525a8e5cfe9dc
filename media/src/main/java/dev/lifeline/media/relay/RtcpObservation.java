package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.NtpTime;
import dev.lifeline.media.rtp.ReportBlock;
import dev.lifeline.media.rtp.RtcpPacket;
import java.time.InstantSource;
import java.util.List;

/**
 * Reads the reports passing through. An SR from this leg's endpoint is about to reach the other
 * leg's endpoint, so its LSR key and the moment are noted there; a report block from this leg's
 * endpoint echoing an SR the relay passed on gives this leg's round trip (see
 * {@link SenderReportLog}). Never drops.
 */
final class RtcpObservation implements Stage {

    private final RelayLeg self;
    private final RelayLeg other;
    private final InstantSource clock;

    RtcpObservation(RelayLeg self, RelayLeg other, InstantSource clock) {
        this.self = self;
        this.other = other;
        this.clock = clock;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        for (RtcpPacket packet : p.rtcpPackets) {
            switch (packet) {
                case RtcpPacket.SenderReport sr -> {
                    other.reportsSentHere.record(NtpTime.toShort(sr.sender().ntpTimestamp()), clock.instant());
                    blocks(sr.blocks());
                }
                case RtcpPacket.ReceiverReport rr -> blocks(rr.blocks());
                case RtcpPacket.Other ignored -> { }
            }
        }
        return p;
    }

    private void blocks(List<ReportBlock> blocks) {
        for (ReportBlock b : blocks) {
            if (b.lastSenderReport() == 0) {
                continue;
            }
            self.reportsSentHere.forwardedAt(b.lastSenderReport()).ifPresent(at -> self.roundTrip.onReportBlock(
                    new ReportBlock(b.ssrc(), b.fractionLost(), b.cumulativeLost(), b.extendedHighestSequence(),
                            b.jitter(), NtpTime.shortFromInstant(at), b.delaySinceLastSenderReport())));
        }
    }
}
