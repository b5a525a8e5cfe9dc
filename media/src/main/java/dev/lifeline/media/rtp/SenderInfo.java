package dev.lifeline.media.rtp;

/**
 * The sender information of an SR (RFC 3550 §6.4.1).
 *
 * @param ntpTimestamp 64-bit NTP timestamp of the moment the report was sent (see {@link NtpTime})
 * @param rtpTimestamp the same moment in the stream's RTP timestamp units
 * @param packetCount  packets sent since the start, modulo 2^32
 * @param octetCount   payload octets sent since the start, modulo 2^32
 */
public record SenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {

    public static final int LENGTH = 20;

    public SenderInfo {
        ReportBlock.requireUnsigned32("RTP timestamp", rtpTimestamp);
        ReportBlock.requireUnsigned32("packet count", packetCount);
        ReportBlock.requireUnsigned32("octet count", octetCount);
    }
}
