package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code preflight:} section: facts about the site's network and power that the gateway
 * cannot see for itself and {@code lifeline check} judges the configuration against.
 *
 * @param natTimeouts  the UDP idle timeout of the NAT or firewall on each side, as its routers
 *                     are set: key {@code lan} for phones to the gateway, a path name for that
 *                     uplink to the provider; keepalives must be shorter. A side not given is
 *                     judged against {@link #ASSUMED_NAT_TIMEOUT}
 * @param ups          the UPS as NUT's {@code upsc} names it ({@code ups@host[:port]}); empty: no UPS check
 * @param outageTarget how long the site must run on battery; present exactly when {@code ups} is
 */
public record PreflightSettings(Map<String, Duration> natTimeouts, Optional<String> ups,
                                Optional<Duration> outageTarget) {

    /** Short UDP timeouts of 30 s are common on consumer routers and carrier NAT. */
    public static final Duration ASSUMED_NAT_TIMEOUT = Duration.ofSeconds(30);

    /** The name under which the phones' side is given in {@code natTimeouts}. */
    public static final String LAN = "lan";

    public static final PreflightSettings DEFAULT = new PreflightSettings(Map.of(), Optional.empty(), Optional.empty());

    public PreflightSettings {
        natTimeouts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(natTimeouts));
        Objects.requireNonNull(ups, "ups");
        Objects.requireNonNull(outageTarget, "outageTarget");
        if (ups.isPresent() != outageTarget.isPresent()) {
            throw new IllegalArgumentException("preflight.ups and preflight.outageTarget go together");
        }
    }

    /** The NAT timeout stated for {@code side} (a path name or {@link #LAN}). */
    public Optional<Duration> natTimeout(String side) {
        return Optional.ofNullable(natTimeouts.get(side));
    }
}
