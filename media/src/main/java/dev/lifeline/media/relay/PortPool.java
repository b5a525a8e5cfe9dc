package dev.lifeline.media.relay;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Which port pairs of the range are taken on each local address, handed out at random: a pair
 * in order would tell anyone who sees one call's SDP where the next call's media will be, and
 * an attacker spraying RTP at the next ports would be first on a fresh leg. A pair just
 * released is held back while others are free (the last {@link #holdBack} released), so
 * packets of the call that ended, still in flight toward it, do not meet a new call. Thread-safe.
 */
final class PortPool {

    private final PortRange range;
    private final RandomGenerator random;
    private final int holdBack;
    private final Map<InetAddress, BitSet> used = new HashMap<>();
    private final Map<InetAddress, ArrayDeque<Integer>> released = new HashMap<>();

    /** @param random where pairs are drawn from; unpredictable in production ({@link java.security.SecureRandom}) */
    PortPool(PortRange range, RandomGenerator random) {
        this.range = range;
        this.random = random;
        this.holdBack = Math.min(64, range.pairs() / 2);
    }

    /** Reserves a free pair on the address at random, skipping {@code tried}; empty when none is left. */
    synchronized OptionalInt reserve(InetAddress address, BitSet tried) {
        BitSet unavailable = (BitSet) used.computeIfAbsent(address, a -> new BitSet(range.pairs())).clone();
        unavailable.or(tried);
        BitSet alsoCooling = (BitSet) unavailable.clone();
        ArrayDeque<Integer> cooling = released.computeIfAbsent(address, a -> new ArrayDeque<>());
        cooling.forEach(alsoCooling::set);
        OptionalInt index = draw(alsoCooling);
        if (index.isEmpty()) {
            index = draw(unavailable);
        }
        if (index.isEmpty()) {
            return OptionalInt.empty();
        }
        used.get(address).set(index.getAsInt());
        cooling.remove(Integer.valueOf(index.getAsInt()));
        return OptionalInt.of(range.rtpPort(index.getAsInt()));
    }

    /** A pair index not in {@code excluded}, each free one equally likely. */
    private OptionalInt draw(BitSet excluded) {
        int free = range.pairs() - excluded.get(0, range.pairs()).cardinality();
        if (free <= 0) {
            return OptionalInt.empty();
        }
        int index = excluded.nextClearBit(0);
        for (int skip = random.nextInt(free); skip > 0; skip--) {
            index = excluded.nextClearBit(index + 1);
        }
        return OptionalInt.of(index);
    }

    synchronized void release(InetAddress address, int rtpPort) {
        BitSet taken = used.get(address);
        if (taken == null || !taken.get(range.index(rtpPort))) {
            return;
        }
        taken.clear(range.index(rtpPort));
        ArrayDeque<Integer> cooling = released.computeIfAbsent(address, a -> new ArrayDeque<>());
        if (holdBack > 0) {
            cooling.addLast(range.index(rtpPort));
            if (cooling.size() > holdBack) {
                cooling.removeFirst();
            }
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
