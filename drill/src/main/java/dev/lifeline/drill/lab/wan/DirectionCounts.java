package dev.lifeline.drill.lab.wan;

import java.util.Map;

/**
 * A snapshot of one direction's packet counters. {@code delivered} counts every copy sent on,
 * duplicates included; {@code duplicated} counts the packets that were sent twice. So once nothing
 * is pending, {@code in + duplicated == delivered + droppedTotal()}.
 */
public record DirectionCounts(long in, long delivered, long duplicated, Map<DropReason, Long> dropped) {

    public DirectionCounts {
        dropped = Map.copyOf(dropped);
    }

    /** Drops for one reason (0 when none). */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** All drops. */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
