package dev.lifeline.drill.lab.wan;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one direction; written on the emulator's loop, read from anywhere. */
final class PacketCounters {

    private final LongAdder in = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicated = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    PacketCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    void in() {
        in.increment();
    }

    void delivered() {
        delivered.increment();
    }

    void duplicated() {
        duplicated.increment();
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    DirectionCounts snapshot() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, count) -> {
            long n = count.sum();
            if (n > 0) {
                drops.put(reason, n);
            }
        });
        return new DirectionCounts(in.sum(), delivered.sum(), duplicated.sum(), drops);
    }
}
