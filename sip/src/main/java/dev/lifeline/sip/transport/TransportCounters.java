package dev.lifeline.sip.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; written from I/O threads without locks. */
final class TransportCounters {

    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesSent = new LongAdder();
    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsClosed = new LongAdder();
    final LongAdder keepAlivePingsAnswered = new LongAdder();
    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);

    TransportCounters() {
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    void drop(DropReason reason) {
        drops.get(reason).increment();
    }

    TransportStats snapshot() {
        Map<DropReason, Long> dropCounts = new EnumMap<>(DropReason.class);
        drops.forEach((reason, count) -> dropCounts.put(reason, count.sum()));
        return new TransportStats(messagesReceived.sum(), messagesSent.sum(), connectionsAccepted.sum(),
                connectionsOpened.sum(), connectionsClosed.sum(), keepAlivePingsAnswered.sum(), dropCounts);
    }
}
