package dev.lifeline.gateway.tls;

import java.time.Duration;
import java.util.Objects;

/**
 * When an approaching expiry becomes a warning and when it becomes critical: a certificate
 * expiring in at most {@code warning} is a warning, in at most {@code critical} is critical.
 */
public record ExpiryThresholds(Duration warning, Duration critical) {

    /** 30 days to warn, 7 days critical: time for a renewal to go through change control. */
    public static final ExpiryThresholds DEFAULT = new ExpiryThresholds(Duration.ofDays(30), Duration.ofDays(7));

    public ExpiryThresholds {
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(critical, "critical");
        if (critical.isNegative() || warning.compareTo(critical) < 0) {
            throw new IllegalArgumentException("expiry thresholds need 0 <= critical <= warning, got critical "
                    + critical + ", warning " + warning);
        }
    }
}
