package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.DeadPort;
import dev.lifeline.sip.codec.SipSamples;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {

    private static final byte[] INVITE = SipSamples.bytes("invite-with-sdp.sip");
    private static final byte[] REGISTER = SipSamples.bytes("register.sip");

    private TransportFixture gateway;
    private Socket phone;

    @BeforeEach
    void start() throws Exception {
        gateway = TransportFixture.start(Transport.TCP, Transport.UDP);
        phone = new Socket();
        phone.setSoTimeout(5_000);
        phone.connect(gateway.address(Transport.TCP), 5_000);
    }

    @AfterEach
    void stop() throws IOException {
        phone.close();
        gateway.close();
    }

    @Test
    void aMessageWrittenByteByByteArrivesWhole() throws Exception {
        OutputStream out = phone.getOutputStream();
        for (byte b : INVITE) {
            out.write(b);
            out.flush();
        }
        InboundMessage inbound = gateway.inbox.next();
        assertThat(inbound.transport()).isEqualTo(Transport.TCP);
        assertThat(inbound.message().callId()).isEqualTo("1j9FpLxk3uxtm8tn@127.0.0.1");
        assertThat(new String(inbound.message().body(), StandardCharsets.UTF_8)).startsWith("v=0\r\n").endsWith("a=ptime:20\r\n");
        // Sent-by 127.0.0.1 is the source address and no rport was asked for: nothing to stamp.
        assertThat(inbound.message().topVia().received()).isEmpty();
    }

    @Test
    void threePipelinedMessagesArriveInOrder() throws Exception {
        write(concat(REGISTER, INVITE, REGISTER));
        assertThat(gateway.inbox.next().message().callId()).isEqualTo("register-102@127.0.0.1");
        assertThat(gateway.inbox.next().message().callId()).isEqualTo("1j9FpLxk3uxtm8tn@127.0.0.1");
        assertThat(gateway.inbox.next().message().callId()).isEqualTo("register-102@127.0.0.1");
    }

    @Test
    void aBodySplitAcrossWritesArrivesWhole() throws Exception {
        int halfBody = INVITE.length - 60;
        write(java.util.Arrays.copyOfRange(INVITE, 0, halfBody));
        assertThat(gateway.inbox.isEmpty()).isTrue();
        write(java.util.Arrays.copyOfRange(INVITE, halfBody, INVITE.length));
        assertThat(gateway.inbox.next().message().body()).endsWith("a=ptime:20\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theResponseGoesBackOnTheRequestsConnectionWithRportStamped() throws Exception {
        write(REGISTER);
        InboundMessage inbound = gateway.inbox.next();
        assertThat(inbound.message().topVia().rport()).hasValue(phone.getLocalPort());

        SipResponse ok = SipResponse.forRequest((SipRequest) inbound.message(), 200, "OK").build();
        gateway.transport.sendResponse(ok, inbound.connection()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(read("\r\n\r\n")).startsWith("SIP/2.0 200 OK\r\n");
    }

    @Test
    void aCrlfPingIsAnsweredWithACrlfPong() throws Exception {
        write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = phone.getInputStream();
        assertThat(new byte[] {(byte) in.read(), (byte) in.read()}).isEqualTo(new byte[] {'\r', '\n'});
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().keepAlivePingsAnswered() == 1);
        write(REGISTER); // the stream is still in sync after the keepalive
        assertThat(gateway.inbox.next().message().callId()).isEqualTo("register-102@127.0.0.1");
    }

    @Test
    void aMalformedRequestIsAnswered400AndTheConnectionStaysOpen() throws Exception {
        String bad = SipSamples.text("register.sip").replace("CSeq: 7 REGISTER", "CSeq: 7 INVITE");
        write(bad.getBytes(StandardCharsets.UTF_8));
        assertThat(read("\r\n\r\n")).startsWith("SIP/2.0 400 Bad Request - CSeq").contains("Warning: 399 lifeline");
        write(REGISTER);
        assertThat(gateway.inbox.next().message().callId()).isEqualTo("register-102@127.0.0.1");
    }

    @Test
    void aPeerSendingEndlessHeadersIsDisconnectedAndCounted() throws Exception {
        write("OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] filler = ("X-Filler: " + "f".repeat(1_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                write(filler);
            }
            // The server closed: reading gives end of stream.
            if (phone.getInputStream().read() == -1) {
                throw new IOException("closed by peer");
            }
        }).isInstanceOf(IOException.class);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                gateway.transport.stats().dropped(DropReason.STREAM_OVER_LIMIT)
                        + gateway.transport.stats().dropped(DropReason.STREAM_DESYNCHRONISED) == 1);
    }

    @Test
    void connectionsAreReusedBothWaysAndPingedFromTheClientSide() throws Exception {
        try (TransportFixture provider = TransportFixture.start(Transport.TCP)) {
            InetSocketAddress providerAddress = provider.address(Transport.TCP);
            Sent first = send(gateway, TransportFixture.sample("register.sip"), Target.of(Transport.TCP, providerAddress));
            Sent second = send(gateway, TransportFixture.sample("invite-with-sdp.sip"), Target.of(Transport.TCP, providerAddress));
            assertThat(second.connection()).isEqualTo(first.connection());
            assertThat(gateway.transport.stats().connectionsOpened()).isEqualTo(1);

            InboundMessage atProvider = provider.inbox.next();
            provider.inbox.next();
            // The provider sends a request back over the flow the gateway opened (RFC 5626).
            send(provider, TransportFixture.sample("register.sip"),
                    Target.onFlow(atProvider.connection(), Transport.TCP, atProvider.remote()));
            assertThat(gateway.inbox.next().connection()).isEqualTo(first.connection());

            gateway.transport.ping(first.connection(), Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            int tos = gateway.transport.channel(first.connection()).orElseThrow().config().getOption(ChannelOption.IP_TOS);
            assertThat(tos).isEqualTo(Dscp.CS3.tosByte());
        }
    }

    @Test
    void aClosedFlowFailsTheSendInsteadOfDiallingAgain() throws Exception {
        write(REGISTER);
        InboundMessage inbound = gateway.inbox.next();
        phone.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.transport.isOpen(inbound.connection()));
        assertThatThrownBy(() -> send(gateway, TransportFixture.sample("register.sip"),
                Target.onFlow(inbound.connection(), Transport.TCP, inbound.remote())))
                .hasCauseInstanceOf(TransportException.class).hasMessageContaining("is closed");
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (TransportFixture shortIdle = TransportFixture.start(c -> c.withIdleTimeout(Duration.ofMillis(300)), Transport.TCP);
             TransportFixture peer = TransportFixture.start(Transport.TCP)) {
            Sent sent = send(shortIdle, TransportFixture.sample("register.sip"), Target.of(Transport.TCP, peer.address(Transport.TCP)));
            assertThat(shortIdle.transport.isOpen(sent.connection())).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> !shortIdle.transport.isOpen(sent.connection()));
        }
    }

    @Test
    void aConnectFailureIsReported() {
        try (DeadPort nobody = DeadPort.tcp()) {
            assertThatThrownBy(() -> send(gateway, TransportFixture.sample("register.sip"), Target.of(Transport.TCP, nobody.address())))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot connect TCP to");
        }
    }

    static Sent send(TransportFixture from, dev.lifeline.sip.message.SipMessage message, Target target) throws Exception {
        return from.transport.send(message, target).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void write(byte[] bytes) throws IOException {
        phone.getOutputStream().write(bytes);
        phone.getOutputStream().flush();
    }

    private String read(String until) throws IOException {
        StringBuilder text = new StringBuilder();
        InputStream in = phone.getInputStream();
        while (!text.toString().endsWith(until)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
        }
        return text.toString();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
