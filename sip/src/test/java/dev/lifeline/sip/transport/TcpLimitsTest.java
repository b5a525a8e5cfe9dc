package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.codec.SipSamples;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the TCP listener over real sockets on 127.0.0.0/8: too many connections from one
 * address or in all, and peers that trickle bytes (slowloris). Each attack runs with small limits
 * and a short deadline so that it ends in a few seconds.
 */
class TcpLimitsTest {

    private static final byte[] REGISTER = SipSamples.bytes("register.sip");
    private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<Socket> sockets = new ArrayList<>();
    private TransportFixture gateway;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start(ConnectionLimits limits) throws TransportException {
        start(c -> c.withConnectionLimits(limits));
    }

    private void start(UnaryOperator<TransportConfig> tune) throws TransportException {
        gateway = TransportFixture.start(tune, Transport.TCP);
    }

    @Test
    void connectionsOverThePerSourceCapAreClosedWhileAnotherAddressIsStillServed() throws Exception {
        start(new ConnectionLimits(100, 3, Duration.ofSeconds(10)));
        List<Socket> admitted = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            admitted.add(connectFrom("127.0.0.1"));
            long accepted = i;
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().connectionsAccepted() == accepted);
        }
        assertRefused("127.0.0.1");
        assertRefused("127.0.0.1");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                gateway.transport.stats().dropped(DropReason.CONNECTION_OVER_SOURCE_LIMIT) == 2);

        // Another address is served, and so are the connections admitted before the flood.
        Socket phone = connectFrom("127.0.0.2");
        assertAnswered(phone);
        assertAnswered(admitted.get(0));
        assertThat(gateway.transport.stats().connectionsAccepted()).isEqualTo(4);
    }

    @Test
    void connectionsOverTheTotalCapAreClosedUntilOneCloses() throws Exception {
        start(new ConnectionLimits(3, 2, Duration.ofSeconds(10)));
        Socket first = connectFrom("127.0.0.1");
        connectFrom("127.0.0.1");
        connectFrom("127.0.0.2");
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().connectionsAccepted() == 3);
        assertRefused("127.0.0.3");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                gateway.transport.stats().dropped(DropReason.CONNECTION_OVER_TOTAL_LIMIT) == 1);

        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().connectionsClosed() == 1);
        assertAnswered(connectFrom("127.0.0.3"));
    }

    @Test
    void connectionsTheGatewayOpensItselfAreNotCounted() throws Exception {
        start(new ConnectionLimits(1, 1, Duration.ofSeconds(10)));
        try (TransportFixture provider = TransportFixture.start(Transport.TCP)) {
            Socket phone = connectFrom("127.0.0.1");
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().connectionsAccepted() == 1);
            // The inbound slot is taken; a request out to the provider still gets its own connection.
            TcpTransportTest.send(gateway, TransportFixture.sample("register.sip"),
                    Target.of(Transport.TCP, provider.address(Transport.TCP)));
            assertThat(provider.inbox.next().message().callId()).isEqualTo("register-102@127.0.0.1");
            assertAnswered(phone);
        }
    }

    @Test
    void aRequestTrickledOneByteAtATimeIsCutOffAtTheMessageDeadline() throws Exception {
        start(new ConnectionLimits(100, 10, Duration.ofSeconds(1)));
        Socket slow = connectFrom("127.0.0.1");
        long started = System.nanoTime();
        // One byte every 200 ms would take over a minute for the whole REGISTER.
        assertThat(trickleUntilClosed(slow, REGISTER, 200, 25)).as("closed while trickling").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.transport.stats().dropped(DropReason.STREAM_TOO_SLOW) == 1);
        assertThat(gateway.inbox.isEmpty()).isTrue();
    }

    @Test
    void aTrickleThatNeverCompletesAMessageDoesNotKeepAnIdleConnectionOpen() throws Exception {
        // The deadline is far off: only the idle timer can end this connection.
        start(c -> c.withIdleTimeout(Duration.ofSeconds(1))
                .withConnectionLimits(new ConnectionLimits(100, 10, Duration.ofMinutes(5))));
        Socket slow = connectFrom("127.0.0.1");
        assertThat(trickleUntilClosed(slow, REGISTER, 200, 25)).as("closed while trickling").isTrue();
        assertThat(gateway.transport.stats().dropped(DropReason.STREAM_TOO_SLOW)).isZero();
    }

    @Test
    void crlfKeepalivesAloneKeepAConnectionOpenPastTheMessageDeadline() throws Exception {
        start(c -> c.withIdleTimeout(Duration.ofSeconds(1))
                .withConnectionLimits(new ConnectionLimits(100, 10, Duration.ofMillis(500))));
        Socket phone = connectFrom("127.0.0.1");
        InputStream in = phone.getInputStream();
        long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
        for (int i = 0; i < 20 && System.nanoTime() < until; i++) {
            phone.getOutputStream().write(CRLF_CRLF);
            phone.getOutputStream().flush();
            assertThat(new byte[] {(byte) in.read(), (byte) in.read()}).as("pong %d", i).isEqualTo(new byte[] {'\r', '\n'});
            Thread.sleep(300);
        }
        assertAnswered(phone);
        assertThat(gateway.transport.stats().dropped(DropReason.STREAM_TOO_SLOW)).isZero();
    }

    // ---- helpers -------------------------------------------------------------------------

    private Socket connectFrom(String source) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.setSoTimeout(5_000);
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(gateway.address(Transport.TCP), 5_000);
        return s;
    }

    /**
     * The gateway closes a connection from this address at once, without sending anything: the
     * connect itself may already see the reset, or the first read does.
     */
    private void assertRefused(String source) throws IOException {
        Socket s;
        try {
            s = connectFrom(source);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
            return;
        }
        try {
            assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection from " + s.getLocalSocketAddress() + " still open after 5 s", e);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    /** A REGISTER on this connection reaches the handler and its 200 comes back on it. */
    private void assertAnswered(Socket s) throws Exception {
        s.getOutputStream().write(REGISTER);
        s.getOutputStream().flush();
        InboundMessage inbound = gateway.inbox.next();
        assertThat(inbound.remote().getPort()).isEqualTo(s.getLocalPort());
        SipResponse ok = SipResponse.forRequest((SipRequest) inbound.message(), 200, "OK").build();
        gateway.transport.sendResponse(ok, inbound.connection()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        byte[] start = s.getInputStream().readNBytes(16);
        assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("SIP/2.0 200 OK\r\n");
    }

    /**
     * Writes {@code bytes} one at a time, {@code pauseMillis} apart, at most {@code maxBytes};
     * true when the gateway closed the connection meanwhile.
     */
    private static boolean trickleUntilClosed(Socket s, byte[] bytes, long pauseMillis, int maxBytes)
            throws InterruptedException {
        for (int i = 0; i < Math.min(maxBytes, bytes.length); i++) {
            try {
                s.getOutputStream().write(bytes[i]);
                s.getOutputStream().flush();
            } catch (IOException closed) {
                return true;
            }
            if (closedByPeer(s)) {
                return true;
            }
            Thread.sleep(pauseMillis);
        }
        return false;
    }

    /** Whether the peer has closed: a read that would block means still open. */
    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            try {
                s.setSoTimeout(5_000);
            } catch (SocketException ignored) {
                // closed: the next read or write says so
            }
        }
    }
}
