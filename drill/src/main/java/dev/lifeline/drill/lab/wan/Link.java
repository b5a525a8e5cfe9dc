package dev.lifeline.drill.lab.wan;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One direction of an emulator's link at run time: the impairment in force (set from any
 * thread), the model's state and the count of packets waiting for their delivery time (both
 * touched only on the emulator's event loop), and the counters.
 */
final class Link {

    final Direction direction;
    final AtomicReference<Impairment> impairment = new AtomicReference<>(Impairment.NONE);
    final PacketCounters counters = new PacketCounters();
    LinkState state = LinkState.INITIAL;
    int pending;

    Link(Direction direction) {
        this.direction = direction;
    }

    boolean down() {
        return impairment.get().blackhole();
    }
}
