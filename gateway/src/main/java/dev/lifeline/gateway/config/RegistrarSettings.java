package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Phone registration rules.
 *
 * @param realm the digest realm; HA1 values in the file must have been computed with it
 * @param expiryBandLow lower end of the randomised grant, as a fraction of the granted expiry
 *     (0.8 means "between 80 % and {@code expiryBandHigh}"), so refreshes after a reboot storm spread out
 * @param natKeepalive keepalive interval toward phones, below the shortest NAT UDP timeout
 */
public record RegistrarSettings(String realm, Duration minExpires, Duration maxExpires, Duration defaultExpires,
                                double expiryBandLow, double expiryBandHigh, Duration natKeepalive,
                                KeepaliveMethod keepaliveMethod) {

    public RegistrarSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(minExpires, "minExpires");
        Objects.requireNonNull(maxExpires, "maxExpires");
        Objects.requireNonNull(defaultExpires, "defaultExpires");
        Objects.requireNonNull(natKeepalive, "natKeepalive");
        Objects.requireNonNull(keepaliveMethod, "keepaliveMethod");
    }
}
