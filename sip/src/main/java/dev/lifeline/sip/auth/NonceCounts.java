package dev.lifeline.sip.auth;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest nonce count accepted per nonce (RFC 7616 §3.4: a repeated nc is a replay),
 * bounded so that a flood of fresh nonces cannot exhaust memory. Least recently used nonces
 * are forgotten first; a forgotten nonce is then answered as stale rather than trusted again,
 * which costs a legitimate client one extra round trip and never lets a replay through.
 */
final class NonceCounts {

    /** What {@link #advance} decided. */
    enum Outcome { ADVANCED, REPLAYED, FORGOTTEN }

    private record Entry(long highest, Instant issuedAt) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> entries;
    /** Nonces issued at or before this instant that are not in the map have been evicted. */
    private Instant forgottenUpTo = Instant.MIN;

    NonceCounts(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Records {@code nc} for a nonce if it is above every count seen for that nonce.
     * Nonces issued before {@code expiredBefore} are dropped first: they can only be stale.
     */
    synchronized Outcome advance(String nonce, Instant issuedAt, long nc, Instant expiredBefore) {
        dropExpired(expiredBefore);
        Entry entry = entries.get(nonce);
        if (entry == null) {
            if (!issuedAt.isAfter(forgottenUpTo)) {
                return Outcome.FORGOTTEN;
            }
            entries.put(nonce, new Entry(nc, issuedAt));
            evictOverCapacity();
            return Outcome.ADVANCED;
        }
        if (nc <= entry.highest()) {
            return Outcome.REPLAYED;
        }
        entries.put(nonce, new Entry(nc, issuedAt));
        return Outcome.ADVANCED;
    }

    synchronized int size() {
        return entries.size();
    }

    private void evictOverCapacity() {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            Instant evicted = it.next().getValue().issuedAt();
            if (evicted.isAfter(forgottenUpTo)) {
                forgottenUpTo = evicted;
            }
            it.remove();
        }
    }

    private void dropExpired(Instant expiredBefore) {
        // Walks from the least recently used end; entries stop being old enough quickly, so
        // this is cheap, and anything it misses is still bounded by the capacity.
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            if (!it.next().getValue().issuedAt().isBefore(expiredBefore)) {
                return;
            }
            it.remove();
        }
    }
}
