package dev.lifeline.sip.transport;

import java.util.Map;

/**
 * A snapshot of the transport layer's counters. Values only grow; compare two snapshots for rates.
 *
 * @param drops counts per reason, with every reason present (zero when none)
 */
public record TransportStats(
        long messagesReceived,
        long messagesSent,
        long connectionsAccepted,
        long connectionsOpened,
        long connectionsClosed,
        long keepAlivePingsAnswered,
        Map<DropReason, Long> drops) {

    public TransportStats {
        drops = Map.copyOf(drops);
    }

    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }
}
