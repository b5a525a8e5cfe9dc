package dev.lifeline.media.relay;

import java.net.InetSocketAddress;

/**
 * Lets through only packets from one fixed source, and nothing when there is none: the filter
 * of a socket pair that drains after a move, where only what the latched endpoint already had
 * in flight may still arrive. It never latches anything.
 */
final class SourceCheck implements Stage {

    private final InetSocketAddress source;
    private final LegCounters counters;

    SourceCheck(InetSocketAddress source, LegCounters counters) {
        this.source = source;
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        if (source == null || !source.equals(p.sender)) {
            return counters.drop(DropReason.UNEXPECTED_SOURCE);
        }
        return p;
    }
}
