package dev.lifeline.media.relay;

import dev.lifeline.media.rtp.RtcpCodec;
import dev.lifeline.media.rtp.RtcpPacket;
import dev.lifeline.media.rtp.RtpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * A phone or trunk in a test: an RTP and an RTCP socket on 127.0.0.1 with ephemeral ports (so
 * RTCP is not at RTP + 1 and has to be announced with a=rtcp, as behind a NAT).
 */
final class FakeEndpoint implements AutoCloseable {

    final DatagramSocket rtp;
    final DatagramSocket rtcp;
    final long ssrc;

    FakeEndpoint(long ssrc) {
        this.ssrc = ssrc;
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            rtp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            rtcp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            rtp.setSoTimeout(2_000);
            rtcp.setSoTimeout(2_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this endpoint's SDP would announce. */
    RemoteMedia announced() {
        return new RemoteMedia(address(rtp), Optional.of(address(rtcp)));
    }

    static InetSocketAddress address(DatagramSocket s) {
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    void sendRtp(InetSocketAddress to, int seq, long timestamp, byte[] payload) {
        sendRtp(rtp, to, seq, timestamp, ssrc, payload);
    }

    static void sendRtp(DatagramSocket from, InetSocketAddress to, int seq, long timestamp, long ssrc, byte[] payload) {
        ByteBuf buf = Unpooled.buffer();
        RtpPacket.writeHeader(buf, false, 0, seq, timestamp, ssrc);
        buf.writeBytes(payload);
        send(from, to, buf);
    }

    void sendRtcp(InetSocketAddress to, RtcpPacket packet) {
        ByteBuf buf = Unpooled.buffer();
        switch (packet) {
            case RtcpPacket.SenderReport sr -> RtcpCodec.write(sr, buf);
            case RtcpPacket.ReceiverReport rr -> RtcpCodec.write(rr, buf);
            case RtcpPacket.Other o -> throw new IllegalArgumentException("tests send SR and RR only");
        }
        send(rtcp, to, buf);
    }

    private static void send(DatagramSocket from, InetSocketAddress to, ByteBuf buf) {
        try {
            from.send(new DatagramPacket(ByteBufUtil.getBytes(buf), buf.readableBytes(), to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram on the socket, or empty after the socket's 2 s timeout. */
    static Optional<DatagramPacket> receive(DatagramSocket socket) {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        try {
            socket.receive(p);
            return Optional.of(p);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, waiting at most {@code millis}. */
    static Optional<DatagramPacket> receive(DatagramSocket socket, int millis) {
        try {
            socket.setSoTimeout(millis);
            return receive(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(2_000);
            } catch (IOException ignored) {
                // the socket is closing
            }
        }
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
