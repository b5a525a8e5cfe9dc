/**
 * TLS certificates in operation (DESIGN F6): judging a chain
 * ({@link dev.lifeline.gateway.tls.CertificateInspector}: validity period, trust per RFC 5280
 * path building, a trunk's SIP domain per RFC 5922 and other names per RFC 6125, as the
 * transport checks them, expiry
 * thresholds), checking providers' certificates by a real handshake from each WAN path
 * ({@link dev.lifeline.gateway.tls.ProviderCertificateCheck}) and the gateway's own from their
 * files, and watching both hourly with events
 * ({@link dev.lifeline.gateway.tls.CertificateWatch}).
 *
 * <p>Hand-written on the JDK's PKIX and JSSE rather than a library, because what is owned here
 * is the diagnosis, not the cryptography: the JDK validator answers yes or no with a terse
 * message, while an operator needs "unknown issuer CN=Example CA" or "expires on 2026-12-01
 * (6 days)" for the chain the provider actually presents on that path. Loading and hot
 * reloading of the transport's TLS material live in {@code dev.lifeline.sip.transport}
 * ({@code TlsMaterial}).
 */
package dev.lifeline.gateway.tls;
