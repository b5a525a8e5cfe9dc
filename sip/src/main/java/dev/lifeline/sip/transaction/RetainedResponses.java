package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipMessage;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answered non-INVITE server transactions while Timer J runs (RFC 3261 §17.2.2): for each,
 * only what a retransmitted request needs, the final response and where it went. Entries
 * all live 64*T1, so insertion order is expiry order: expired ones are dropped from the head
 * as new ones arrive, without a timer each. Bounded by an estimate of the memory held; over
 * it, the oldest go first.
 */
final class RetainedResponses<A> {

    record Retained<A>(SipMessage response, A peer, Instant expires, long bytes) {
    }

    private final long budget;
    private final LinkedHashMap<TransactionKey, Retained<A>> entries = new LinkedHashMap<>();
    private long bytes;
    private long droppedEarly;

    RetainedResponses(long budget) {
        this.budget = budget;
    }

    void put(TransactionKey key, SipMessage response, A peer, Instant expires, Instant now) {
        purge(now);
        long size = estimate(response);
        if (size > budget) {
            return;
        }
        Retained<A> old = entries.put(key, new Retained<>(response, peer, expires, size));
        if (old != null) {
            bytes -= old.bytes();
        }
        bytes += size;
        Iterator<Retained<A>> oldest = entries.values().iterator();
        while (bytes > budget && oldest.hasNext()) {
            bytes -= oldest.next().bytes();
            oldest.remove();
            droppedEarly++;
        }
    }

    /** The retained answer for {@code key}, while Timer J runs. */
    Retained<A> get(TransactionKey key, Instant now) {
        Retained<A> r = entries.get(key);
        if (r != null && !now.isBefore(r.expires())) {
            purge(now);
            return null;
        }
        return r;
    }

    /** Drops every entry whose Timer J has run out. */
    void purge(Instant now) {
        Iterator<Map.Entry<TransactionKey, Retained<A>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Retained<A> r = it.next().getValue();
            if (now.isBefore(r.expires())) {
                return;
            }
            bytes -= r.bytes();
            it.remove();
        }
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    /** Entries dropped for memory before their Timer J ran out. */
    long droppedEarly() {
        return droppedEarly;
    }

    /**
     * Memory a kept response holds, estimated without serialising it: a header object and its
     * text take about 100 bytes, plus the body and the entry itself.
     */
    static long estimate(SipMessage message) {
        return 256L + message.body().length + 100L * message.headers().size();
    }
}
