package dev.lifeline.gateway.qos;

import java.util.Objects;

/**
 * The bandwidth one call's RTP stream takes in one direction: the codec's payload plus the
 * headers every packet carries. A call through the gateway sends one such stream each way on
 * the WAN path, so the same figure applies to the uplink and to the downlink.
 *
 * <p>Counted per packet: RTP 12 bytes (RFC 3550, no CSRC, no extension), UDP 8, IPv4 20 or
 * IPv6 40, and for Ethernet the 14-byte header and 4-byte FCS. Not counted: preamble and
 * inter-frame gap (20 bytes more on the wire), VLAN tags (4), PPPoE (8), RTCP (a few percent),
 * SRTP's authentication tag (4 or 10).
 *
 * @param ipv6 whether the path runs over IPv6 (its bind address is one)
 */
public record CallBandwidth(CodecUse use, boolean ipv6) {

    public static final int RTP_HEADER = 12;
    public static final int UDP_HEADER = 8;
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int ETHERNET_OVERHEAD = 14 + 4;

    public CallBandwidth {
        Objects.requireNonNull(use, "use");
    }

    public double packetsPerSecond() {
        return 1000.0 / use.ptimeMs();
    }

    public int payloadBytes() {
        return use.codec().payloadBytes(use.ptimeMs());
    }

    public int ipPacketBytes() {
        return payloadBytes() + RTP_HEADER + UDP_HEADER + (ipv6 ? IPV6_HEADER : IPV4_HEADER);
    }

    public int ethernetFrameBytes() {
        return ipPacketBytes() + ETHERNET_OVERHEAD;
    }

    /** Bits per second at the IP layer (what an IP-level counter or a DSL profile sees). */
    public double ipBitsPerSecond() {
        return ipPacketBytes() * 8 * packetsPerSecond();
    }

    /** Bits per second of Ethernet frames (what an Ethernet-attached shaper is charged). */
    public double ethernetBitsPerSecond() {
        return ethernetFrameBytes() * 8 * packetsPerSecond();
    }

    /** How many of these streams fit in {@code bitsPerSecond} of Ethernet capacity. */
    public long streamsIn(double bitsPerSecond) {
        // A hair of tolerance so that an exact fit (e.g. 872 kbit/s for ten 87.2 kbit/s streams) counts.
        return (long) Math.floor(bitsPerSecond / ethernetBitsPerSecond() + 1e-9);
    }
}
