package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.codec.SipSamples;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTransportTest {

    private TransportFixture gateway;
    private DatagramSocket phone;

    @BeforeEach
    void start() throws Exception {
        gateway = TransportFixture.start(Transport.UDP);
        phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        phone.setSoTimeout(5_000);
    }

    @AfterEach
    void stop() {
        phone.close();
        gateway.close();
    }

    @Test
    void aRequestArrivesWithReceivedAndRportAndItsResponseGoesBackToTheSourcePort() throws Exception {
        send(SipSamples.bytes("options-behind-nat.sip"));

        InboundMessage inbound = gateway.inbox.next();
        assertThat(inbound.transport()).isEqualTo(Transport.UDP);
        assertThat(inbound.remote().getPort()).isEqualTo(phone.getLocalPort());
        assertThat(inbound.local()).isEqualTo(gateway.address(Transport.UDP));
        assertThat(inbound.message().topVia().received()).contains("127.0.0.1");
        assertThat(inbound.message().topVia().rport()).hasValue(phone.getLocalPort());

        SipResponse ok = SipResponse.forRequest((SipRequest) inbound.message(), 200, "OK").build();
        Sent sent = gateway.transport.sendResponse(ok, inbound.connection()).toCompletableFuture().get(5, TimeUnit.SECONDS);

        // The sent-by 192.0.2.10:5062 is unreachable; rport makes the answer reach the NAT binding.
        assertThat(sent.remote()).isEqualTo(phone.getLocalSocketAddress());
        String reply = receive();
        assertThat(reply).startsWith("SIP/2.0 200 OK\r\n").contains("rport=" + phone.getLocalPort());
    }

    @Test
    void aStunBindingRequestOnTheSipPortIsAnsweredWithWhereItCameFrom() throws Exception {
        // RFC 5626 §4.4.2 / §8.4: SIP Outbound clients check the flow with STUN on the SIP port.
        byte[] tid = java.util.HexFormat.of().parseHex("0102030405060708090a0b0c");
        send(dev.lifeline.sip.stun.StunMessage.request(tid).encode());

        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        phone.receive(packet);
        var answer = dev.lifeline.sip.stun.StunMessage.decode(packet.getData(), 0, packet.getLength()).orElseThrow();
        assertThat(answer.type()).isEqualTo(dev.lifeline.sip.stun.StunMessage.BINDING_SUCCESS);
        assertThat(answer.transactionId()).isEqualTo(tid);
        assertThat(answer.mapped()).contains((InetSocketAddress) phone.getLocalSocketAddress());
        // Not a SIP message: nothing reached the SIP layer, and no 400 went back.
        send(SipSamples.bytes("options-behind-nat.sip"));
        assertThat(gateway.inbox.next().message()).isInstanceOf(SipRequest.class);
    }

    @Test
    void requestsLeaveFromTheListeningSocket() throws Exception {
        SipRequest options = TransportFixture.sample("options-behind-nat.sip");
        Sent sent = gateway.transport.send(options, Target.of(Transport.UDP, (InetSocketAddress) phone.getLocalSocketAddress()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);

        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        phone.receive(packet);
        assertThat(packet.getSocketAddress()).isEqualTo(gateway.address(Transport.UDP));
        assertThat(sent.local()).isEqualTo(gateway.address(Transport.UDP));
    }

    @Test
    void signallingSocketsCarryDscpCs3() throws Exception {
        SipRequest options = TransportFixture.sample("options-behind-nat.sip");
        Sent sent = gateway.transport.send(options, Target.of(Transport.UDP, (InetSocketAddress) phone.getLocalSocketAddress()))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        int tos = gateway.transport.channel(sent.connection()).orElseThrow().config().getOption(ChannelOption.IP_TOS);
        assertThat(tos).isEqualTo(0x60);
    }

    @Test
    void aMalformedRequestIsAnswered400NamingTheDefect() throws Exception {
        String bad = SipSamples.text("options-behind-nat.sip").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
        send(bad.getBytes(StandardCharsets.UTF_8));

        String reply = receive();
        assertThat(reply).startsWith("SIP/2.0 400 ").contains("CSeq").contains("Warning: 399 lifeline \"")
                .contains("Call-ID: options-nat-1@192.0.2.10");
        assertThat(gateway.transport.stats().dropped(DropReason.ANSWERED_400)).isEqualTo(1);
        assertThat(gateway.inbox.isEmpty()).isTrue();
    }

    @Test
    void garbageIsDroppedAndCounted() throws Exception {
        send("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        send(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5});

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(gateway.transport.stats().dropped(DropReason.NOT_SIP)).isEqualTo(2));
        assertThat(gateway.inbox.isEmpty()).isTrue();
    }

    @Test
    void aMalformedResponseIsDroppedNotAnswered() throws Exception {
        String bad = SipSamples.text("response-200-options.sip").replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");
        send(bad.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(gateway.transport.stats().dropped(DropReason.MALFORMED_RESPONSE)).isEqualTo(1));
        assertThat(gateway.transport.stats().dropped(DropReason.ANSWERED_400)).isZero();
    }

    @Test
    void aLargeDatagramArrivesWhole() throws Exception {
        String padded = SipSamples.text("options-behind-nat.sip")
                .replace("Accept: application/sdp\r\n", "Accept: application/sdp\r\nX-Padding: " + "p".repeat(6_000) + "\r\n");
        send(padded.getBytes(StandardCharsets.UTF_8));
        assertThat(gateway.inbox.next().message().headers().first("X-Padding")).hasValueSatisfying(v -> assertThat(v).hasSize(6_000));
    }

    private void send(byte[] bytes) throws IOException {
        phone.send(new DatagramPacket(bytes, bytes.length, gateway.address(Transport.UDP)));
    }

    private String receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        phone.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }
}
