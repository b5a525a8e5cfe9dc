package dev.lifeline.sip.stack;

import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transaction.TransactionLimits;
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
 * @param limits              what the transaction layer keeps: server transactions in progress,
 *                            its own client transactions, and memory for answered ones
 * @param advertisedHost      the host written into Via sent-by; needed when a listen point is a
 *                            wildcard address (0.0.0.0, ::), which is no use to a peer
 */
public record StackConfig(TransportConfig transport, TimerConfig timers, TransactionLimits limits,
                          Optional<String> advertisedHost) {

    public StackConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(limits, "limits");
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
        return new StackConfig(TransportConfig.of(listenPoints), TimerConfig.DEFAULT, TransactionLimits.DEFAULT, Optional.empty());
    }

    public StackConfig withTimers(TimerConfig value) {
        return new StackConfig(transport, value, limits, advertisedHost);
    }

    public StackConfig withTransport(TransportConfig value) {
        return new StackConfig(value, timers, limits, advertisedHost);
    }

    public StackConfig withLimits(TransactionLimits value) {
        return new StackConfig(transport, timers, value, advertisedHost);
    }

    public StackConfig withAdvertisedHost(String host) {
        return new StackConfig(transport, timers, limits, Optional.of(host));
    }
}
