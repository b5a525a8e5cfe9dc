package dev.lifeline.sip.transport;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * An outbound TLS handshake that failed: the peer's certificate was expired, untrusted or for
 * another name, or the peer spoke no acceptable protocol. Told to the listeners of
 * {@link TlsMaterial#onHandshakeFailure} so that a certificate watch can look at that peer now
 * rather than on its next scheduled round.
 *
 * @param remote the address dialled
 * @param at     when the handshake failed (the transport's wall clock)
 * @param detail the TLS stack's reason, e.g. "PKIX path validation failed: ... validity check failed"
 */
public record TlsHandshakeFailure(InetSocketAddress remote, Instant at, String detail) {

    public TlsHandshakeFailure {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
    }
}
