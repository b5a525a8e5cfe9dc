package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.RtcpPacket;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The packet passing through a leg's stages. One holder per socket, refilled for every datagram,
 * so the media path creates no object of its own per packet (the payload stays in Netty's buffer).
 */
final class RelayPacket {
    ByteBuf content;
    InetSocketAddress sender;
    long arrivalNanos;
    /** RTCP, on its own port or multiplexed on the RTP port (RFC 5761). */
    boolean rtcp;
    long ssrc;
    /** Decoded RTCP, for the stages that read reports; empty for RTP. */
    List<RtcpPacket> rtcpPackets = List.of();

    RelayPacket fill(ByteBuf content, InetSocketAddress sender, long arrivalNanos) {
        this.content = content;
        this.sender = sender;
        this.arrivalNanos = arrivalNanos;
        this.rtcp = false;
        this.ssrc = 0;
        this.rtcpPackets = List.of();
        return this;
    }
}
