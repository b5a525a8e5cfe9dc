package dev.lifeline.gateway.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * One SRV resource record's data (RFC 2782), independent of the DNS library so that ordering can
 * be tested as a pure function.
 *
 * @param priority lower is tried first (0-65535)
 * @param weight   relative share among records of the same priority (0-65535)
 * @param port     the service's port
 * @param target   the host name, without the trailing dot; "." means "service not available here"
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    public SrvRecord {
        Objects.requireNonNull(target, "target");
        check("priority", priority);
        check("weight", weight);
        check("port", port);
        if (!target.equals(".") && target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        target = target.toLowerCase(Locale.ROOT);
    }

    /** True for the "." target: RFC 2782 "the service is decidedly not available at this domain". */
    public boolean isUnavailable() {
        return target.equals(".") || target.isEmpty();
    }

    private static void check(String field, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("SRV " + field + " " + value + " is outside 0-65535");
        }
    }
}
