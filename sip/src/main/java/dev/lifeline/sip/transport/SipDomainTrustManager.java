package dev.lifeline.sip.transport;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust in a server of one SIP domain: the JDK's PKIX validation of the chain
 * against the chosen CAs, then RFC 5922 domain authentication of the leaf against that domain,
 * whichever host the connection went to (an SRV target). The handshake fails when either
 * refuses, with the reason.
 */
final class SipDomainTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final String domain;

    private SipDomainTrustManager(X509ExtendedTrustManager pkix, String domain) {
        this.pkix = pkix;
        this.domain = domain;
    }

    /**
     * Trusts the CAs in {@code anchors}, or the JDK's default CAs when empty, for servers of
     * {@code domain}.
     */
    static SipDomainTrustManager forDomain(String domain, Optional<List<X509Certificate>> anchors)
            throws GeneralSecurityException {
        Objects.requireNonNull(domain, "domain");
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        if (anchors.isPresent()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an empty key store", e);
            }
            for (int i = 0; i < anchors.get().size(); i++) {
                store.setCertificateEntry("ca" + i, anchors.get().get(i));
            }
            factory.init(store);
        } else {
            factory.init((KeyStore) null);
        }
        X509ExtendedTrustManager pkix = Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("the JDK offers no X.509 trust manager"));
        return new SipDomainTrustManager(pkix, domain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        checkDomain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        checkDomain(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        checkDomain(chain);
    }

    private void checkDomain(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        Optional<String> problem = SipDomainIdentity.problem(chain[0], domain);
        if (problem.isPresent()) {
            throw new CertificateException(problem.get());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a SIP domain trust manager authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a SIP domain trust manager authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a SIP domain trust manager authenticates servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
