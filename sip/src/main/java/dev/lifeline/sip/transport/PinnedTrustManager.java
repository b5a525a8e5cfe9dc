package dev.lifeline.sip.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, by its SHA-256 fingerprint ({@link CertificatePin}),
 * while it is within its validity period. No CA and no name is consulted: the pin names the
 * certificate itself, so whichever host presents it is the provider.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final String pin;

    PinnedTrustManager(String pin) {
        this.pin = CertificatePin.parse("sha256:" + pin);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        String presented = CertificatePin.sha256(chain[0]);
        if (!presented.equals(pin)) {
            throw new CertificateException("certificate " + CertificatePin.display(presented) + " is not the pinned one "
                    + CertificatePin.display(pin));
        }
        chain[0].checkValidity(); // an expired pinned certificate is refused like any other
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a pinned trust manager authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a pinned trust manager authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned trust manager authenticates servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
