package dev.lifeline.gateway.config;

import dev.lifeline.sip.auth.DigestAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Phone registration rules.
 *
 * @param realm the digest realm; HA1 values in the file must have been computed with it
 * @param expiryBandLow lower end of the randomised grant, as a fraction of the granted expiry
 *     (0.8 means "between 80 % and {@code expiryBandHigh}"), so refreshes after a reboot storm spread out
 * @param natKeepalive keepalive interval toward phones, below the shortest NAT UDP timeout
 * @param digestAlgorithms the challenges offered to phones, one WWW-/Proxy-Authenticate each, in
 *     this order (RFC 8760 §2.4). Some deployed clients fail on a challenge they cannot answer
 *     instead of skipping it (baresip 1.0's libre refuses all but MD5), so a site with such
 *     phones offers {@code [md5]} only.
 * @param maxContacts bindings kept per extension; a new contact beyond it replaces the least
 *     recently refreshed one, and an inbound call rings at most this many of them
 */
public record RegistrarSettings(String realm, Duration minExpires, Duration maxExpires, Duration defaultExpires,
                                double expiryBandLow, double expiryBandHigh, Duration natKeepalive,
                                KeepaliveMethod keepaliveMethod, List<DigestAlgorithm> digestAlgorithms,
                                int maxContacts) {

    /** A desk phone, a softphone, a mobile client and room to spare. */
    public static final int DEFAULT_MAX_CONTACTS = 5;

    /** MD5 first because many phones answer only the first challenge; SHA-256 for those that pick the strongest. */
    public static final List<DigestAlgorithm> DEFAULT_DIGEST = List.of(DigestAlgorithm.MD5);

    /** The settings with the default digest challenges. */
    public RegistrarSettings(String realm, Duration minExpires, Duration maxExpires, Duration defaultExpires,
                             double expiryBandLow, double expiryBandHigh, Duration natKeepalive,
                             KeepaliveMethod keepaliveMethod) {
        this(realm, minExpires, maxExpires, defaultExpires, expiryBandLow, expiryBandHigh, natKeepalive,
                keepaliveMethod, DEFAULT_DIGEST);
    }

    /** The settings with the default contact limit. */
    public RegistrarSettings(String realm, Duration minExpires, Duration maxExpires, Duration defaultExpires,
                             double expiryBandLow, double expiryBandHigh, Duration natKeepalive,
                             KeepaliveMethod keepaliveMethod, List<DigestAlgorithm> digestAlgorithms) {
        this(realm, minExpires, maxExpires, defaultExpires, expiryBandLow, expiryBandHigh, natKeepalive,
                keepaliveMethod, digestAlgorithms, DEFAULT_MAX_CONTACTS);
    }

    public RegistrarSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        Objects.requireNonNull(natKeepalive, "natKeepalive");
        Objects.requireNonNull(keepaliveMethod, "keepaliveMethod");
        digestAlgorithms = List.copyOf(digestAlgorithms);
        if (digestAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("digestAlgorithms: at least one");
        }
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts: at least 1, was " + maxContacts);
        }
    }
}
