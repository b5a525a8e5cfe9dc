package dev.lifeline.media.relay;

import java.net.InetAddress;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which port pairs of the range are taken on each local address. The search starts after the
 * pair handed out last, so a pair just released is not reused at once: packets of the call that
 * ended may still be in flight toward it. Thread-safe.
 */
final class PortPool {

    private final PortRange range;
    private final Map<InetAddress, BitSet> used = new HashMap<>();
    private final Map<InetAddress, Integer> cursor = new HashMap<>();

    PortPool(PortRange range) {
        this.range = range;
    }

    /** Reserves the next free pair on the address, skipping {@code tried}; empty when none is left. */
    synchronized OptionalInt reserve(InetAddress address, BitSet tried) {
        BitSet taken = used.computeIfAbsent(address, a -> new BitSet(range.pairs()));
        int start = cursor.getOrDefault(address, 0);
        for (int i = 0; i < range.pairs(); i++) {
            int index = (start + i) % range.pairs();
            if (!taken.get(index) && !tried.get(index)) {
                taken.set(index);
                cursor.put(address, index + 1);
                return OptionalInt.of(range.rtpPort(index));
            }
        }
        return OptionalInt.empty();
    }

    synchronized void release(InetAddress address, int rtpPort) {
        BitSet taken = used.get(address);
        if (taken != null) {
            taken.clear(range.index(rtpPort));
        }
    }

    synchronized int inUse(InetAddress address) {
        BitSet taken = used.get(address);
        return taken == null ? 0 : taken.cardinality();
    }

    PortRange range() {
        return range;
    }
}
