package dev.lifeline.media.relay;

/**
 * Lets through only the leg's latched source, by {@link SourceLatch}'s rules; counts apart what
 * came from an address the call never named and what came from a named one that may not take over.
 */
final class Latching implements Stage {

    private final SourceLatch latch;
    private final LegCounters counters;

    Latching(SourceLatch latch, LegCounters counters) {
        this.latch = latch;
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        return switch (latch.offer(p.sender, p.ssrc, p.arrivalNanos)) {
            case ACCEPTED, LATCHED, RELATCHED -> p;
            case REJECTED -> counters.drop(DropReason.UNEXPECTED_SOURCE);
            case FOREIGN -> counters.drop(DropReason.UNEXPECTED_ADDRESS);
        };
    }
}
