package dev.lifeline.media.rtp;

import java.util.List;

/** The outcome of decoding a compound RTCP packet: its packets, or why it was rejected. */
public sealed interface RtcpResult permits RtcpResult.Decoded, RtcpResult.Rejected {

    record Decoded(List<RtcpPacket> packets) implements RtcpResult {
        public Decoded {
            packets = List.copyOf(packets);
        }
    }

    record Rejected(String reason) implements RtcpResult {
    }
}
