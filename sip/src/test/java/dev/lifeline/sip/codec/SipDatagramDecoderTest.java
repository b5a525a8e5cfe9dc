package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.SipResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipDatagramDecoderTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 5060);

    private final EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(new SipParser(ParseLimits.DEFAULT)));

    @Test
    void parsesTheWholeDatagramWithItsAddresses() {
        ch.writeInbound(datagram(SipSamples.bytes("options-behind-nat.sip")));
        ReceivedDatagram received = ch.readInbound();
        assertThat(received.sender()).isEqualTo(PHONE);
        assertThat(received.recipient()).isEqualTo(GATEWAY);
        assertThat(received.result()).isInstanceOfSatisfying(ParseResult.Ok.class,
                ok -> assertThat(ok.message().callId()).isEqualTo("options-nat-1@192.0.2.10"));
    }

    @Test
    void parsesResponses() {
        ch.writeInbound(datagram(SipSamples.bytes("response-200-options.sip")));
        ReceivedDatagram received = ch.readInbound();
        assertThat(received.result()).isInstanceOfSatisfying(ParseResult.Ok.class,
                ok -> assertThat(ok.message()).isInstanceOf(SipResponse.class));
    }

    @Test
    void garbageBecomesAnInvalidResultNotAnException() {
        ch.writeInbound(datagram("\u0016\u0003\u0001 not sip at all".getBytes(StandardCharsets.ISO_8859_1)));
        ReceivedDatagram received = ch.readInbound();
        assertThat(received.result()).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void crlfKeepaliveDatagramsAreConsumedSilently() {
        ch.writeInbound(datagram("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        ch.writeInbound(datagram(new byte[0]));
        Object nothing = ch.readInbound();
        assertThat(nothing).isNull();
    }

    private static DatagramPacket datagram(byte[] bytes) {
        return new DatagramPacket(Unpooled.wrappedBuffer(bytes), GATEWAY, PHONE);
    }
}
