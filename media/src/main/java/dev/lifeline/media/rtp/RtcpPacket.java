package dev.lifeline.media.rtp;

import java.util.List;

/**
 * One packet of a compound RTCP packet (RFC 3550 §6.1). Sender and receiver reports are read
 * in full; the rest are kept as their type and sender so a relay can count and forward them.
 */
public sealed interface RtcpPacket permits RtcpPacket.SenderReport, RtcpPacket.ReceiverReport, RtcpPacket.Other {

    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;
    int APP = 204;

    /** SSRC of the packet's sender (the first 32-bit word after the header). */
    long ssrc();

    /** SR, PT 200 (§6.4.1). */
    record SenderReport(long ssrc, SenderInfo sender, List<ReportBlock> blocks) implements RtcpPacket {
        public SenderReport {
            ReportBlock.requireUnsigned32("ssrc", ssrc);
            blocks = checkedBlocks(blocks);
        }
    }

    /** RR, PT 201 (§6.4.2). */
    record ReceiverReport(long ssrc, List<ReportBlock> blocks) implements RtcpPacket {
        public ReceiverReport {
            ReportBlock.requireUnsigned32("ssrc", ssrc);
            blocks = checkedBlocks(blocks);
        }
    }

    /** SDES, BYE, APP, feedback and anything else, not looked into. */
    record Other(int packetType, long ssrc, int lengthInBytes) implements RtcpPacket {
    }

    private static List<ReportBlock> checkedBlocks(List<ReportBlock> blocks) {
        if (blocks.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks fit one packet, got " + blocks.size());
        }
        return List.copyOf(blocks);
    }
}
