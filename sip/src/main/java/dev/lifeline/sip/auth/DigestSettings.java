package dev.lifeline.sip.auth;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway challenges: validated once when the configuration is read.
 *
 * @param realm          the protection domain shown to users, e.g. the site's SIP domain
 * @param algorithms     algorithms offered, most preferred first (RFC 8760 §2.4: one challenge each)
 * @param secret         the HMAC key nonces are signed with; at least 16 bytes. All gateway
 *                       nodes that must accept each other's nonces share it
 * @param nonceLifetime  how long a nonce is accepted before the answer is {@code stale}
 * @param trackedNonces  at most this many nonces have their nonce count remembered
 * @param opaque         whether challenges carry an {@code opaque} the client must echo
 * @param allowNoQop     whether RFC 2617 answers without qop are accepted (for old phones);
 *                       off by default, since without a nonce count such an answer can be
 *                       replayed. When on, each nonce serves one such answer only
 */
public record DigestSettings(String realm, List<DigestAlgorithm> algorithms, byte[] secret,
                             Duration nonceLifetime, int trackedNonces, boolean opaque, boolean allowNoQop) {

    public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
    public static final int DEFAULT_TRACKED_NONCES = 100_000;
    /** SHA-256 first, MD5 for the many phones that know nothing else. */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    public DigestSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (realm.isBlank()) {
            throw new IllegalArgumentException("realm is empty");
        }
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty() || new HashSet<>(algorithms).size() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms must be non-empty and distinct, got " + algorithms);
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("nonce secret must be at least 16 bytes, got " + secret.length);
        }
        secret = secret.clone();
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive, got " + nonceLifetime);
        }
        if (trackedNonces < 1) {
            throw new IllegalArgumentException("tracked nonces must be at least 1, got " + trackedNonces);
        }
    }

    /** Defaults: SHA-256 then MD5, 5 minute nonces, 100k nonce counts remembered, no opaque, qop required. */
    public static DigestSettings of(String realm, byte[] secret) {
        return new DigestSettings(realm, DEFAULT_ALGORITHMS, secret, DEFAULT_NONCE_LIFETIME, DEFAULT_TRACKED_NONCES,
                false, false);
    }

    public DigestSettings withAlgorithms(List<DigestAlgorithm> offered) {
        return new DigestSettings(realm, offered, secret, nonceLifetime, trackedNonces, opaque, allowNoQop);
    }

    public DigestSettings withNonceLifetime(Duration lifetime) {
        return new DigestSettings(realm, algorithms, secret, lifetime, trackedNonces, opaque, allowNoQop);
    }

    public DigestSettings withTrackedNonces(int count) {
        return new DigestSettings(realm, algorithms, secret, nonceLifetime, count, opaque, allowNoQop);
    }

    public DigestSettings withOpaque(boolean send) {
        return new DigestSettings(realm, algorithms, secret, nonceLifetime, trackedNonces, send, allowNoQop);
    }

    /** Accepts (true) or refuses (false, the default) answers without qop. */
    public DigestSettings withNoQopAllowed(boolean allow) {
        return new DigestSettings(realm, algorithms, secret, nonceLifetime, trackedNonces, opaque, allow);
    }

    /** A copy: the key must not be changed behind the authenticator's back. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestSettings s && realm.equals(s.realm) && algorithms.equals(s.algorithms)
                && MessageDigest.isEqual(secret, s.secret) && nonceLifetime.equals(s.nonceLifetime)
                && trackedNonces == s.trackedNonces && opaque == s.opaque && allowNoQop == s.allowNoQop;
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, algorithms, nonceLifetime, trackedNonces, opaque, allowNoQop);
    }

    @Override
    public String toString() {
        return "DigestSettings[realm=" + realm + ", algorithms=" + algorithms + ", secret=***"
                + ", nonceLifetime=" + nonceLifetime + ", trackedNonces=" + trackedNonces + ", opaque=" + opaque + ", allowNoQop=" + allowNoQop + "]";
    }
}
