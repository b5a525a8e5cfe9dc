package dev.lifeline.media.relay;

/** Lets through only the leg's latched source, by {@link SourceLatch}'s rules. */
final class Latching implements Stage {

    private final SourceLatch latch;
    private final LegCounters counters;

    Latching(SourceLatch latch, LegCounters counters) {
        this.latch = latch;
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (!latch.offer(p.sender, p.ssrc, p.arrivalNanos).passes()) {
            return counters.drop(DropReason.UNEXPECTED_SOURCE);
        }
        return p;
    }
}
