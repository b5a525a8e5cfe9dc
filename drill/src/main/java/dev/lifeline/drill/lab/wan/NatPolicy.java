package dev.lifeline.drill.lab.wan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the emulated NAT keeps its mappings.
 *
 * @param idleTimeout    a mapping with no refreshing traffic for this long is forgotten
 * @param filtering      which remotes may send to a mapping (RFC 4787 §5)
 * @param inboundRefresh whether provider → site packets also refresh a mapping (RFC 4787 REQ-6
 *                       makes this optional; off by default so that only the site's own
 *                       keepalives keep it alive, the stricter case)
 * @param maxMappings    at most this many live dynamic mappings; more are refused (NAT_EXHAUSTED)
 * @param tombstones     forgotten mappings keep their public port bound (so late packets to it are
 *                       seen and counted, and a new mapping never reuses it) up to this many
 */
public record NatPolicy(Duration idleTimeout, Filtering filtering, boolean inboundRefresh,
                        int maxMappings, int tombstones) {

    public NatPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(filtering, "filtering");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("NAT idle timeout must be positive, got " + idleTimeout);
        }
        if (maxMappings < 1 || tombstones < 0) {
            throw new IllegalArgumentException("NAT needs maxMappings >= 1 and tombstones >= 0, got "
                    + maxMappings + " and " + tombstones);
        }
    }

    /**
     * A typical home/branch router: 30 s UDP timeout (shorter than RFC 4787's 2 minutes, as many
     * are), address-and-port-dependent filtering, outbound refresh only.
     */
    public static NatPolicy typical() {
        return new NatPolicy(Duration.ofSeconds(30), Filtering.ADDRESS_AND_PORT_DEPENDENT, false, 1024, 256);
    }

    public NatPolicy withIdleTimeout(Duration value) {
        return new NatPolicy(value, filtering, inboundRefresh, maxMappings, tombstones);
    }

    public NatPolicy withFiltering(Filtering value) {
        return new NatPolicy(idleTimeout, value, inboundRefresh, maxMappings, tombstones);
    }

    public NatPolicy withInboundRefresh(boolean value) {
        return new NatPolicy(idleTimeout, filtering, value, maxMappings, tombstones);
    }

    /** Whether a mapping last refreshed at {@code lastRefresh} is forgotten at {@code now}. */
    public boolean expired(Instant lastRefresh, Instant now) {
        return Duration.between(lastRefresh, now).compareTo(idleTimeout) >= 0;
    }
}
