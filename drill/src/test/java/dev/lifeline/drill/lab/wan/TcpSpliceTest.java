package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP splice over real sockets: the gateway (127.0.0.11) connects to the emulator's inside
 * address (127.0.0.21), the emulator connects from its public address (127.0.0.31) to an echo
 * server standing in for the provider (127.0.0.41).
 */
class TcpSpliceTest {

    private final List<InetSocketAddress> providerSawFrom = new CopyOnWriteArrayList<>();
    private ServerSocket provider;
    private Thread echo;
    private WanEmulator wan;
    private TcpSplice splice;

    @BeforeEach
    void start() throws IOException {
        provider = new ServerSocket();
        provider.bind(new InetSocketAddress("127.0.0.41", 0));
        echo = Thread.ofVirtual().start(this::echoUntilClosed);
        wan = WanEmulator.start(WanConfig.of("wan1", InetAddress.getByName("127.0.0.31")));
        splice = wan.spliceTcp(new InetSocketAddress("127.0.0.21", 0),
                (InetSocketAddress) provider.getLocalSocketAddress());
    }

    @AfterEach
    void stop() throws Exception {
        wan.close();
        provider.close();
        echo.join(Duration.ofSeconds(5));
    }

    @Test
    void bytesPassBothWaysAndTheProviderSeesThePublicAddress() throws IOException {
        try (Socket gateway = connect()) {
            send(gateway, "OPTIONS sip:x SIP/2.0\r\n\r\n");

            assertThat(read(gateway, 25, Duration.ofSeconds(5))).isEqualTo("OPTIONS sip:x SIP/2.0\r\n\r\n");
            assertThat(providerSawFrom).singleElement()
                    .satisfies(a -> assertThat(a.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.31")));
            assertThat(splice.accepted()).isEqualTo(1);
            await().until(() -> splice.bytesDelivered(Direction.DOWNSTREAM) == 25);
            assertThat(splice.bytesDelivered(Direction.UPSTREAM)).isEqualTo(25);
        }
    }

    @Test
    void aLargeTransferArrivesWhole() throws IOException {
        try (Socket gateway = connect()) {
            byte[] data = new byte[2 * 1024 * 1024];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    gateway.getOutputStream().write(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] back = gateway.getInputStream().readNBytes(data.length);
            assertThat(back).isEqualTo(data);
            writer.interrupt();
        }
    }

    @Test
    void aBlackholeStallsTheConnectionWithoutResetAndRestoreResumesIt() throws IOException {
        try (Socket gateway = connect()) {
            send(gateway, "a");
            assertThat(read(gateway, 1, Duration.ofSeconds(5))).isEqualTo("a");

            wan.blackhole(true);
            send(gateway, "held");
            assertThatThrownBy(() -> read(gateway, 1, Duration.ofMillis(500)))
                    .isInstanceOf(SocketTimeoutException.class);

            wan.blackhole(false);
            assertThat(read(gateway, 4, Duration.ofSeconds(5))).isEqualTo("held");
        }
    }

    @Test
    void aConnectionMadeDuringABlackholeIsCarriedWhenTheLinkReturns() throws IOException {
        wan.blackhole(true);
        try (Socket gateway = connect()) {
            send(gateway, "early");
            assertThatThrownBy(() -> read(gateway, 1, Duration.ofMillis(300)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(providerSawFrom).isEmpty();

            wan.blackhole(false);
            assertThat(read(gateway, 5, Duration.ofSeconds(5))).isEqualTo("early");
        }
    }

    @Test
    void aDelayAppliesToEachChunkInOrder() throws IOException {
        try (Socket gateway = connect()) {
            send(gateway, "x");
            read(gateway, 1, Duration.ofSeconds(5));
            wan.setImpairment(Direction.UPSTREAM, Impairment.NONE.withDelay(Duration.ofMillis(150)));
            wan.setImpairment(Direction.DOWNSTREAM, Impairment.NONE.withDelay(Duration.ofMillis(100),
                    Duration.ofMillis(50)));

            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                send(gateway, Integer.toString(i));
            }
            String back = read(gateway, 10, Duration.ofSeconds(5));

            assertThat(back).isEqualTo("0123456789");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(195));
        }
    }

    @Test
    void aRefusedTargetClosesTheInsideConnection() throws IOException {
        // A port held bound but never listening, for the whole test: connecting to it is refused.
        try (Socket dead = new Socket()) {
            dead.bind(new InetSocketAddress("127.0.0.41", 0));
            InetSocketAddress target = (InetSocketAddress) dead.getLocalSocketAddress();
            TcpSplice toNowhere = wan.spliceTcp(new InetSocketAddress("127.0.0.21", 0), target);
            try (Socket gateway = new Socket()) {
                gateway.bind(new InetSocketAddress("127.0.0.11", 0));
                gateway.connect(toNowhere.inside(), 5000);
                gateway.setSoTimeout(5000);
                int first;
                try {
                    first = gateway.getInputStream().read();
                } catch (SocketException reset) {
                    first = -1;
                }
                assertThat(first).isEqualTo(-1);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress("127.0.0.11", 0));
        socket.connect(splice.inside(), 5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String read(Socket socket, int bytes, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        byte[] got = new byte[bytes];
        int n = 0;
        while (n < bytes) {
            int r = in.read(got, n, bytes - n);
            if (r < 0) {
                throw new IOException("connection closed after " + n + " bytes");
            }
            n += r;
        }
        return new String(got, StandardCharsets.UTF_8);
    }

    private void echoUntilClosed() {
        while (!provider.isClosed()) {
            try {
                Socket s = provider.accept();
                providerSawFrom.add((InetSocketAddress) s.getRemoteSocketAddress());
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        // the test closed it
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }
}
