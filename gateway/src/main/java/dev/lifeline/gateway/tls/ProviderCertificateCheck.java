package dev.lifeline.gateway.tls;

import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.sip.transport.Pem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks certificates where they are used: a provider's, by a real TLS handshake from a WAN
 * path's address with the trunk's trust bundle, and the gateway's own, from their files.
 *
 * <p>The handshake's trust manager records the chain the provider presents and then lets the
 * JDK judge it, so an untrusted or expired chain is still seen and explained by the
 * {@link CertificateInspector}; when the JDK refuses a chain the inspector found fine, the
 * JDK's reason is the verdict. Blocking: each check takes up to the timeout.
 */
public final class ProviderCertificateCheck {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final CertificateInspector inspector;
    private final Duration timeout;

    /** @param timeout bound on connect, and on each read during the handshake */
    public ProviderCertificateCheck(CertificateInspector inspector, Duration timeout) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public ProviderCertificateCheck() {
        this(new CertificateInspector(), Duration.ofSeconds(5));
    }

    /** Handshakes with the target from its path's address and judges what it presented at {@code now}. */
    public CertificateVerdict check(ProviderTarget target, Instant now) {
        List<X509Certificate> anchors;
        X509ExtendedTrustManager jdk;
        try {
            // A pinned certificate is judged by the inspector alone: no CA list is asked.
            anchors = target.pinnedSha256().isPresent() ? List.of()
                    : target.trustBundle().isPresent() ? readCertificates(target.trustBundle().get(), "trust bundle")
                    : defaultAnchors();
            jdk = target.pinnedSha256().isPresent() ? null
                    : trustManager(target.trustBundle().isPresent() ? Optional.of(anchors) : Optional.empty());
        } catch (CheckException e) {
            return CertificateVerdict.unseen(e.getMessage());
        }
        CapturingTrustManager capture = new CapturingTrustManager(jdk);
        String host = target.remote().getHostString();
        String where = host + ":" + target.remote().getPort() + " from " + target.source().getHostAddress();
        try (Socket raw = new Socket()) {
            raw.bind(new InetSocketAddress(target.source(), 0));
            try {
                raw.connect(target.remote(), millis());
            } catch (IOException e) {
                return CertificateVerdict.unseen("cannot connect to " + where + ": " + e.getMessage());
            }
            raw.setSoTimeout(millis());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(target.clientCertificate()), new TrustManager[] {capture}, null);
            // SNI asks for the name the inspector judges (the SIP domain, as the transport asks for it)
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, target.sipDomain().orElse(host),
                    target.remote().getPort(), true);
            tls.setEnabledProtocols(PROTOCOLS);
            tls.startHandshake();
            // Closing the TCP socket, not the TLS one: a TLS 1.3 close waits up to the timeout for the
            // peer's close_notify, which servers that half-close (Netty's among them) never send.
            raw.close();
        } catch (IOException e) {
            if (capture.chain.isEmpty()) {
                return CertificateVerdict.unseen("TLS handshake with " + where + " failed before a certificate was presented: "
                        + e.getMessage());
            }
            // The chain was seen: a later failure (e.g. the provider wants a client certificate) is not the chain's fault.
        } catch (GeneralSecurityException e) {
            return CertificateVerdict.unseen("cannot set up TLS to check " + where + ": " + e.getMessage());
        }
        CertificateVerdict verdict = target.pinnedSha256().isPresent()
                ? inspector.inspectPinned(capture.chain, target.pinnedSha256().get(), now)
                : target.sipDomain().isPresent()
                ? inspector.inspectForSipDomain(capture.chain, anchors, target.sipDomain().get(), now)
                : inspector.inspect(capture.chain, anchors, Optional.of(host), now);
        if (verdict.severity() != Severity.INVALID && capture.rejection.isPresent()) {
            return verdict.invalid("chain rejected: " + capture.rejection.get());
        }
        return verdict;
    }

    /** Reads an own certificate's files and judges them at {@code now}, including that the key belongs to it. */
    public CertificateVerdict checkOwn(TlsFiles files, Instant now) {
        try {
            List<X509Certificate> chain = readCertificates(files.certificate(), "certificate");
            CertificateVerdict verdict = inspector.inspectOwn(chain, now);
            PrivateKey key = readKey(files.privateKey());
            if (Pem.matches(key, chain.get(0)).filter(m -> !m).isPresent()) {
                return verdict.invalid("the private key " + files.privateKey() + " does not belong to the certificate in "
                        + files.certificate());
            }
            return verdict;
        } catch (CheckException e) {
            return CertificateVerdict.unseen(e.getMessage());
        }
    }

    // ---- material ------------------------------------------------------------------------

    private static List<X509Certificate> readCertificates(Path file, String what) throws CheckException {
        try {
            return Pem.certificates(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CheckException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new CheckException(what + " " + file + ": " + e.getMessage());
        }
    }

    private static PrivateKey readKey(Path file) throws CheckException {
        try {
            return Pem.privateKey(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CheckException("cannot read private key " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new CheckException("private key " + file + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> defaultAnchors() throws CheckException {
        return Arrays.asList(trustManager(Optional.empty()).getAcceptedIssuers());
    }

    private static X509ExtendedTrustManager trustManager(Optional<List<X509Certificate>> anchors) throws CheckException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            if (anchors.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                for (int i = 0; i < anchors.get().size(); i++) {
                    store.setCertificateEntry("ca" + i, anchors.get().get(i));
                }
                factory.init(store);
            } else {
                factory.init((KeyStore) null);
            }
            return Arrays.stream(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new CheckException("the JDK offers no X.509 trust manager"));
        } catch (GeneralSecurityException | IOException e) {
            throw new CheckException("cannot build a trust manager: " + e.getMessage());
        }
    }

    /** The trunk's client certificate, when it loads; a provider that needs one refuses after showing its own. */
    private static KeyManager[] keyManagers(Optional<TlsFiles> client) throws GeneralSecurityException {
        if (client.isEmpty()) {
            return null;
        }
        try {
            List<X509Certificate> chain = readCertificates(client.get().certificate(), "client certificate");
            PrivateKey key = readKey(client.get().privateKey());
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "check".toCharArray();
            store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (CheckException | IOException e) {
            return null; // the own-certificate check reports unusable client files
        }
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    private static final class CheckException extends Exception {
        CheckException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Records the server's chain, then lets the JDK decide (none for a pinned certificate: the
     * inspector decides); remembers the JDK's reason for refusing.
     */
    private static final class CapturingTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate; // null: record only
        volatile List<X509Certificate> chain = List.of();
        volatile Optional<String> rejection = Optional.empty();

        CapturingTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            record(presented, () -> delegate.checkServerTrusted(presented, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
            record(presented, () -> delegate.checkServerTrusted(presented, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            record(presented, () -> delegate.checkServerTrusted(presented, authType));
        }

        private interface Check {
            void run() throws CertificateException;
        }

        private void record(X509Certificate[] presented, Check check) throws CertificateException {
            chain = List.of(presented);
            if (delegate == null) {
                return;
            }
            try {
                check.run();
            } catch (CertificateException e) {
                rejection = Optional.of(String.valueOf(e.getMessage()));
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a certificate check is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a certificate check is a client only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a certificate check is a client only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
        }
    }
}
