package dev.lifeline.gateway.registrar;

import java.time.Duration;
import java.util.Objects;

/**
 * The registrar's rules, validated once.
 *
 * @param minExpires     shorter non-zero requests get 423 with this Min-Expires (RFC 3261 §10.3)
 * @param maxExpires     longer requests are cut to this
 * @param defaultExpires used when neither the Contact nor the Expires header says
 * @param expiryBandLow  the granted expiry is a random fraction in [low, high] of what was
 *                       asked (after the cap), so refreshes after a reboot storm spread out
 * @param expiryBandHigh upper end of that band; 1.0 never grants more than asked
 * @param natKeepalive   keepalive interval the phone is told in Flow-Timer (RFC 5626 §4.4.1);
 *                       below the shortest NAT UDP timeout
 * @param maxContacts    bindings kept per address of record; a new one beyond it replaces the
 *                       least recently refreshed (RFC 3261 sets no limit, see {@link Registrar})
 */
public record RegistrarSettings(Duration minExpires, Duration maxExpires, Duration defaultExpires,
                                double expiryBandLow, double expiryBandHigh, Duration natKeepalive, int maxContacts) {

    /** A desk phone, a softphone, a mobile client and room to spare. */
    public static final int DEFAULT_MAX_CONTACTS = 5;

    /** 60 s minimum, 3600 s maximum and default, 80–100 % band, 25 s keepalive, 5 contacts. */
    public static final RegistrarSettings DEFAULTS = new RegistrarSettings(Duration.ofSeconds(60),
            Duration.ofSeconds(3600), Duration.ofSeconds(3600), 0.8, 1.0, Duration.ofSeconds(25));

    /** The settings with the default contact limit. */
    public RegistrarSettings(Duration minExpires, Duration maxExpires, Duration defaultExpires,
                             double expiryBandLow, double expiryBandHigh, Duration natKeepalive) {
        this(minExpires, maxExpires, defaultExpires, expiryBandLow, expiryBandHigh, natKeepalive, DEFAULT_MAX_CONTACTS);
    }

    public RegistrarSettings {
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        Objects.requireNonNull(natKeepalive, "natKeepalive");
        if (minExpires.toSeconds() < 1) {
            throw new IllegalArgumentException("minExpires must be at least 1 s, got " + minExpires);
        }
        if (maxExpires.compareTo(minExpires) < 0) {
            throw new IllegalArgumentException("maxExpires " + maxExpires + " is below minExpires " + minExpires);
        }
        if (defaultExpires.compareTo(minExpires) < 0 || defaultExpires.compareTo(maxExpires) > 0) {
            throw new IllegalArgumentException("defaultExpires " + defaultExpires + " must be within ["
                    + minExpires + ", " + maxExpires + "]");
        }
        if (!(expiryBandLow > 0 && expiryBandLow <= expiryBandHigh && expiryBandHigh <= 1.0)) {
            throw new IllegalArgumentException("expiry band must satisfy 0 < low <= high <= 1, got ["
                    + expiryBandLow + ", " + expiryBandHigh + "]");
        }
        if (natKeepalive.toSeconds() < 1) {
            throw new IllegalArgumentException("natKeepalive must be at least 1 s, got " + natKeepalive);
        }
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts must be at least 1, got " + maxContacts);
        }
    }
}
