package dev.lifeline.sip.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on the TCP and TLS connections peers open to us, so that one host (or a few) cannot
 * take every connection or hold them with bytes that never make a message. Connections this
 * layer opens itself (to a provider) are not counted: an outsider filling the inbound slots must
 * not cut the gateway off from its trunks.
 *
 * <p>The defaults fit a branch office: a phone keeps one connection (RFC 5626 flow), two while it
 * reconnects, so 2,000 serves several hundred phones with room to spare, and 32 from one address
 * leaves a lone attacker needing dozens of addresses to fill the table. Phones behind one NAT
 * share its address: for such a site {@code maxPerSource} must be at least twice the phones there.
 *
 * @param maxConnections all inbound connections together
 * @param maxPerSource   inbound connections from one IP address
 * @param messageTimeout from the first byte of a message to its last; a peer slower than this is
 *                       disconnected. Keepalives between messages are not messages.
 */
public record ConnectionLimits(int maxConnections, int maxPerSource, Duration messageTimeout) {

    public static final ConnectionLimits DEFAULT = new ConnectionLimits(2_000, 32, Duration.ofSeconds(10));

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (maxPerSource < 1 || maxPerSource > maxConnections) {
            throw new IllegalArgumentException("maxPerSource must be between 1 and maxConnections ("
                    + maxConnections + "), got " + maxPerSource);
        }
        Objects.requireNonNull(messageTimeout, "messageTimeout");
        if (messageTimeout.isZero() || messageTimeout.isNegative()) {
            throw new IllegalArgumentException("messageTimeout must be positive, got " + messageTimeout);
        }
    }
}
