package dev.lifeline.sip.stack;

import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.TransportConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SipStack} is started with, validated once.
 *
 * @param transport           listen points and socket settings
 * @param timers              T1, T2, T4; a path's T1 may be raised on a slow WAN
 * @param transactionCapacity most transactions kept at once; beyond it clients are refused and
 *                            servers answer 503, so a registration storm cannot exhaust memory
 * @param advertisedHost      the host written into Via sent-by; needed when a listen point is a
 *                            wildcard address (0.0.0.0, ::), which is no use to a peer
 */
public record StackConfig(TransportConfig transport, TimerConfig timers, int transactionCapacity,
                          Optional<String> advertisedHost) {

    public static final int DEFAULT_CAPACITY = 50_000;

    public StackConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        if (transactionCapacity < 1) {
            throw new IllegalArgumentException("transactionCapacity must be positive, got " + transactionCapacity);
        }
        if (transport.listenPoints().isEmpty()) {
            throw new IllegalArgumentException("a SIP stack needs at least one listen point");
        }
        boolean wildcard = transport.listenPoints().stream().anyMatch(p -> p.address().getAddress().isAnyLocalAddress());
        if (wildcard && advertisedHost.isEmpty()) {
            throw new IllegalArgumentException("a wildcard listen point needs advertisedHost for Via sent-by");
        }
    }

    /** RFC 3261 timers, default transport settings and capacity. */
    public static StackConfig of(List<ListenPoint> listenPoints) {
        return new StackConfig(TransportConfig.of(listenPoints), TimerConfig.DEFAULT, DEFAULT_CAPACITY, Optional.empty());
    }

    public StackConfig withTimers(TimerConfig value) {
        return new StackConfig(transport, value, transactionCapacity, advertisedHost);
    }

    public StackConfig withTransport(TransportConfig value) {
        return new StackConfig(value, timers, transactionCapacity, advertisedHost);
    }

    public StackConfig withTransactionCapacity(int value) {
        return new StackConfig(transport, timers, value, advertisedHost);
    }

    public StackConfig withAdvertisedHost(String host) {
        return new StackConfig(transport, timers, transactionCapacity, Optional.of(host));
    }
}
