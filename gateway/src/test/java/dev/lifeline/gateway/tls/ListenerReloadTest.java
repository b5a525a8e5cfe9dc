package dev.lifeline.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.NettySipTransport;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's TLS listener after its certificate files are replaced: a new connection (the
 * certificate check's handshake) sees the new certificate, a connection opened before stays up.
 */
class ListenerReloadTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String NAME = "gw.site.example";

    @TempDir
    Path dir;

    @Test
    void aNewConnectionSeesTheRenewedCertificateWhileAnOpenOneStays() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority("Site CA", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3000)));
        Instant oldExpiry = NOW.plus(Duration.ofDays(5));
        Instant newExpiry = NOW.plus(Duration.ofDays(400));
        TlsFiles served = ca.leaf(NOW.minus(Duration.ofDays(1)), oldExpiry, NAME).write(dir, "listener");
        TlsFiles renewed = ca.leaf(NOW, newExpiry, NAME).write(dir.resolve("renewed"), "listener");
        Path bundle = ca.bundle(dir);
        TransportConfig config = TransportConfig.of(List.of())
                .withTls(new TlsConfig(served.certificate(), served.privateKey(), Optional.empty(), TlsConfig.ClientAuth.NONE, true))
                .withListenPoints(List.of(ListenPoint.of(Transport.TLS, "127.0.0.1", 0)));
        try (NettySipTransport gateway = NettySipTransport.start(config, inbound -> { })) {
            InetSocketAddress listener = gateway.listenPoints().get(0).address();
            ProviderTarget self = new ProviderTarget("self", "lan", new InetSocketAddress(
                    java.net.InetAddress.getByAddress(NAME, listener.getAddress().getAddress()), listener.getPort()),
                    ProviderCertificateCheckTest.loopback(1), Optional.of(bundle), Optional.empty());
            ProviderCertificateCheck check = new ProviderCertificateCheck();
            assertThat(check.check(self, NOW).notAfter()).contains(oldExpiry);

            try (SSLSocket open = connect(listener, bundle)) {
                replace(renewed.certificate(), served.certificate());
                replace(renewed.privateKey(), served.privateKey());
                assertThat(gateway.tls().reloadIfChanged()).singleElement().satisfies(r -> assertThat(r.applied()).isTrue());

                CertificateVerdict now = check.check(self, NOW);
                assertThat(now.notAfter()).contains(newExpiry);
                assertThat(now.severity()).isEqualTo(Severity.OK);
                assertThat(pingPong(open)).as("RFC 5626 CRLF pong on the connection opened before the reload").isEqualTo("\r\n");
            }
        }
    }

    private static SSLSocket connect(InetSocketAddress listener, Path bundle) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", dev.lifeline.sip.transport.Pem.certificates(Files.readAllBytes(bundle)).get(0));
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(listener.getAddress(), listener.getPort());
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return socket;
    }

    private static String pingPong(SSLSocket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] pong = new byte[2];
        int read = 0;
        while (read < 2) {
            int n = in.read(pong, read, 2 - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(pong, 0, read, StandardCharsets.US_ASCII);
    }

    private static void replace(Path source, Path target) throws Exception {
        Path staged = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
