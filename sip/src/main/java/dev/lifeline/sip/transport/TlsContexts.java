package dev.lifeline.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Server and client TLS contexts built once from {@link TlsConfig}. Loading fails with a message
 * naming the file, because a bad certificate path is the most common TLS outage (DESIGN F6).
 * To pick up renewed certificates, build a new instance; connections already open keep theirs.
 */
final class TlsContexts {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext server;
    private final SslContext client;
    private final boolean verifyHostname;

    private TlsContexts(SslContext server, SslContext client, boolean verifyHostname) {
        this.server = server;
        this.client = client;
        this.verifyHostname = verifyHostname;
    }

    static TlsContexts load(TlsConfig config) throws TransportException {
        try (InputStream chain = open(config.certificateChain());
             InputStream key = open(config.privateKey())) {
            byte[] chainPem = chain.readAllBytes();
            byte[] keyPem = key.readAllBytes();
            SslContext server = serverBuilder(chainPem, keyPem, config).build();
            SslContext client = clientBuilder(chainPem, keyPem, config).build();
            return new TlsContexts(server, client, config.verifyHostname());
        } catch (SSLException | IllegalArgumentException e) {
            throw new TransportException("TLS material unusable (chain " + config.certificateChain()
                    + ", key " + config.privateKey() + ", trust " + config.trustBundle().map(Path::toString).orElse("JDK default")
                    + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransportException("cannot read TLS material: " + e.getMessage(), e);
        }
    }

    private static SslContextBuilder serverBuilder(byte[] chainPem, byte[] keyPem, TlsConfig config) throws IOException {
        SslContextBuilder builder = SslContextBuilder.forServer(stream(chainPem), stream(keyPem));
        trust(builder, config);
        return builder.sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .clientAuth(switch (config.clientAuth()) {
                    case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                    case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                    case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                });
    }

    private static SslContextBuilder clientBuilder(byte[] chainPem, byte[] keyPem, TlsConfig config) throws IOException {
        SslContextBuilder builder = SslContextBuilder.forClient().keyManager(stream(chainPem), stream(keyPem));
        trust(builder, config);
        return builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
    }

    private static void trust(SslContextBuilder builder, TlsConfig config) throws IOException {
        if (config.trustBundle().isPresent()) {
            try (InputStream bundle = open(config.trustBundle().get())) {
                builder.trustManager(bundle);
            }
        }
    }

    SslHandler newServerHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    SslHandler newClientHandler(ByteBufAllocator alloc, InetSocketAddress remote) {
        // Host string (not a reverse lookup) so SNI and hostname checks use the name the caller chose.
        SslHandler handler = client.newHandler(alloc, remote.getHostString(), remote.getPort());
        if (verifyHostname) {
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return handler;
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream stream(byte[] pem) {
        return new java.io.ByteArrayInputStream(pem);
    }
}
