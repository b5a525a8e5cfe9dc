package dev.lifeline.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Server and client TLS contexts built from {@link TlsConfig} or a {@link TlsClientProfile}.
 * Loading fails with a message naming the file, because a bad certificate path is the most
 * common TLS outage (DESIGN F6). Every file is parsed here first (certificates, the PKCS#8
 * key, and that the key belongs to the leaf), so a half-written renewal is refused with a
 * reason instead of being handed to the TLS engine. Instances are immutable; {@link TlsMaterial}
 * swaps them when files change, and connections already open keep theirs.
 */
final class TlsContexts {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext server;
    private final ClientTls client;

    private TlsContexts(SslContext server, ClientTls client) {
        this.server = server;
        this.client = client;
    }

    static List<Path> files(TlsConfig config) {
        List<Path> files = new ArrayList<>(List.of(config.certificateChain(), config.privateKey()));
        config.trustBundle().ifPresent(files::add);
        return List.copyOf(files);
    }

    static TlsContexts load(TlsConfig config) throws TransportException {
        return build(config, read(files(config)));
    }

    static TlsContexts build(TlsConfig config, Map<Path, byte[]> contents) throws TransportException {
        byte[] chainPem = contents.get(config.certificateChain());
        byte[] keyPem = contents.get(config.privateKey());
        Optional<byte[]> trustPem = config.trustBundle().map(contents::get);
        checkPair(config.certificateChain(), chainPem, config.privateKey(), keyPem);
        if (config.trustBundle().isPresent()) {
            checkCertificates(config.trustBundle().get(), trustPem.get());
        }
        try {
            SslContextBuilder server = SslContextBuilder.forServer(stream(chainPem), stream(keyPem));
            trustPem.ifPresent(pem -> server.trustManager(stream(pem)));
            server.sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                    .clientAuth(switch (config.clientAuth()) {
                        case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
                        case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
                        case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
                    });
            SslContext client = clientContext(Optional.of(chainPem), Optional.of(keyPem), trustPem);
            return new TlsContexts(server.build(), new ClientTls(client, config.verifyHostname()));
        } catch (SSLException | IllegalArgumentException e) {
            throw new TransportException("TLS material unusable (chain " + config.certificateChain()
                    + ", key " + config.privateKey() + ", trust " + config.trustBundle().map(Path::toString).orElse("JDK default")
                    + "): " + e.getMessage(), e);
        }
    }

    /** Client material of a profile; the profile's files must be in {@code contents}. */
    static ClientTls buildClient(TlsClientProfile profile, Map<Path, byte[]> contents) throws TransportException {
        Optional<byte[]> chainPem = profile.certificateChain().map(contents::get);
        Optional<byte[]> keyPem = profile.privateKey().map(contents::get);
        Optional<byte[]> trustPem = profile.trustBundle().map(contents::get);
        if (chainPem.isPresent()) {
            checkPair(profile.certificateChain().get(), chainPem.get(), profile.privateKey().get(), keyPem.get());
        }
        if (profile.trustBundle().isPresent()) {
            checkCertificates(profile.trustBundle().get(), trustPem.get());
        }
        try {
            if (profile.pinnedSha256().isPresent()) {
                return pinnedClient(profile, chainPem, keyPem);
            }
            if (profile.verifyHostname() && profile.sipDomain().isPresent()) {
                return sipDomainClient(profile, chainPem, keyPem, trustPem);
            }
            return new ClientTls(clientContext(chainPem, keyPem, trustPem), profile.verifyHostname());
        } catch (SSLException | GeneralSecurityException | IllegalArgumentException e) {
            throw new TransportException("TLS client material unusable (" + profile.files() + "): " + e.getMessage(), e);
        }
    }

    /** A client that trusts the one pinned certificate, whoever presents it; SNI still asks for the SIP domain. */
    private static ClientTls pinnedClient(TlsClientProfile profile, Optional<byte[]> chainPem, Optional<byte[]> keyPem)
            throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(new PinnedTrustManager(profile.pinnedSha256().get()))
                .endpointIdentificationAlgorithm(null);
        if (chainPem.isPresent()) {
            builder.keyManager(stream(chainPem.get()), stream(keyPem.get()));
        }
        return new ClientTls(builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build(), false, profile.sipDomain());
    }

    /**
     * A client that authenticates the profile's SIP domain (RFC 5922) instead of the target host:
     * the JDK's PKIX check with the profile's CAs, then the domain rule, both in the trust
     * manager; the JDK's own host check stays off because it would judge the SRV target's name.
     */
    private static ClientTls sipDomainClient(TlsClientProfile profile, Optional<byte[]> chainPem, Optional<byte[]> keyPem,
                                             Optional<byte[]> trustPem) throws SSLException, GeneralSecurityException {
        Optional<List<X509Certificate>> anchors = trustPem.isPresent() ? Optional.of(Pem.certificates(trustPem.get()))
                                                                       : Optional.empty();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(SipDomainTrustManager.forDomain(profile.sipDomain().get(), anchors))
                .endpointIdentificationAlgorithm(null);
        if (chainPem.isPresent()) {
            builder.keyManager(stream(chainPem.get()), stream(keyPem.get()));
        }
        SslContext context = builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
        return new ClientTls(context, false, profile.sipDomain());
    }

    private static SslContext clientContext(Optional<byte[]> chainPem, Optional<byte[]> keyPem, Optional<byte[]> trustPem)
            throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (chainPem.isPresent()) {
            builder.keyManager(stream(chainPem.get()), stream(keyPem.get()));
        }
        trustPem.ifPresent(pem -> builder.trustManager(stream(pem)));
        return builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build();
    }

    /** Reads every file; the message names the one that could not be read. */
    static Map<Path, byte[]> read(List<Path> files) throws TransportException {
        Map<Path, byte[]> contents = new HashMap<>();
        for (Path file : files) {
            try {
                contents.put(file, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new TransportException("cannot read TLS material " + file + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : " " + e.getMessage()), e);
            }
        }
        return contents;
    }

    private static void checkPair(Path chainFile, byte[] chainPem, Path keyFile, byte[] keyPem) throws TransportException {
        List<X509Certificate> chain = checkCertificates(chainFile, chainPem);
        PrivateKey key;
        try {
            key = Pem.privateKey(keyPem);
        } catch (IllegalArgumentException e) {
            throw new TransportException(keyFile + ": " + e.getMessage());
        }
        if (Pem.matches(key, chain.get(0)).filter(m -> !m).isPresent()) {
            throw new TransportException("the private key " + keyFile + " does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + " in " + chainFile
                    + " (a renewal half done? replace both files)");
        }
    }

    private static List<X509Certificate> checkCertificates(Path file, byte[] pem) throws TransportException {
        try {
            return Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new TransportException(file + ": " + e.getMessage());
        }
    }

    SslHandler newServerHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    ClientTls client() {
        return client;
    }

    private static ByteArrayInputStream stream(byte[] pem) {
        return new ByteArrayInputStream(pem);
    }
}
