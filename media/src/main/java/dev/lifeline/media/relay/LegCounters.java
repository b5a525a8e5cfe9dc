package dev.lifeline.media.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts written by a leg's event loop and read from anywhere. */
final class LegCounters {

    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLong rtpForwarded = new AtomicLong();
    private final AtomicLong rtcpForwarded = new AtomicLong();

    /** Counts the drop and returns null, so a stage can {@code return counters.drop(reason)}. */
    RelayPacket drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
        return null;
    }

    void forwarded(Kind kind) {
        (kind == Kind.RTP ? rtpForwarded : rtcpForwarded).incrementAndGet();
    }

    LegCounts snapshot() {
        Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = drops.get(r.ordinal());
            if (n > 0) {
                byReason.put(r, n);
            }
        }
        return new LegCounts(rtpForwarded.get(), rtcpForwarded.get(), byReason);
    }
}
