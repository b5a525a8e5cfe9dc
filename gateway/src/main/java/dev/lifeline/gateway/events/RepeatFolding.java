package dev.lifeline.gateway.events;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which events fold into an earlier row of the log. Only kinds that anyone on the network
 * can cause fold (a refused REGISTER, a failed authentication): the first of a kind from a source
 * address opens a row; repeats within {@code window} of it only add to the row's count. Once
 * {@code maxSources} rows are open, further sources share one row per kind, marked as from many
 * sources, so spoofed addresses cannot add rows faster than {@code maxSources} + 1 per kind per
 * window either. Times are the events' own; pure apart from its own state; thread-safe.
 */
final class RepeatFolding {

    /** What to do with one event. */
    sealed interface Verdict {
    }

    /** Write a row for the event; when {@code row} is present, record its id there so repeats can count into it. */
    record Insert(Optional<Row> row) implements Verdict {
    }

    /** Counted into an open row; nothing to write now. */
    record Folded(Row row) implements Verdict {
    }

    private record Key(String type, InetAddress source) {
    }

    /** An open row: the count so far, and how much of it the database has. Guarded by the folding. */
    static final class Row {
        private final Key key;
        private final Instant opened;
        private long count = 1;
        private Instant last;
        private long written = 1;
        private volatile long id = -1;

        private Row(Key key, Instant opened) {
            this.key = key;
            this.opened = opened;
            this.last = opened;
        }

        /** True for the shared row of sources beyond {@code maxSources}. */
        boolean manySources() {
            return key.source() == null;
        }

        void id(long value) {
            id = value;
        }

        long id() {
            return id;
        }
    }

    /** A row's count and last time as they were when a write was prepared. */
    record Count(Row row, long count, Instant last) {
    }

    private final Duration window;
    private final int maxSources;
    private final Map<Key, Row> open = new HashMap<>();
    /** Rows whose window ended with counts still to write. */
    private final List<Row> closed = new ArrayList<>();
    private int sourceRows;

    RepeatFolding(Duration window, int maxSources) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1, got " + maxSources);
        }
        this.window = window;
        this.maxSources = maxSources;
    }

    synchronized Verdict offer(Event event) {
        Optional<InetAddress> source = source(event);
        if (source.isEmpty()) {
            return new Insert(Optional.empty());
        }
        Instant at = event.at();
        Key key = new Key(event.type(), source.get());
        if (!open.containsKey(key) && sourceRows >= maxSources) {
            closeOver(at);
            if (sourceRows >= maxSources) {
                key = new Key(event.type(), null);
            }
        }
        Row row = open.get(key);
        if (row != null && at.isBefore(row.opened.plus(window))) {
            row.count++;
            if (at.isAfter(row.last)) {
                row.last = at;
            }
            return new Folded(row);
        }
        if (row != null) {
            close(row);
        }
        Row fresh = new Row(key, at);
        open.put(key, fresh);
        if (key.source() != null) {
            sourceRows++;
        }
        return new Insert(Optional.of(fresh));
    }

    /**
     * The counts to write now: every row that counted more than the database has. Rows whose
     * window is over at {@code now} are forgotten after this.
     */
    synchronized List<Count> due(Instant now) {
        closeOver(now);
        return pending();
    }

    /** Every count not yet written, open rows included (for a flush). */
    synchronized List<Count> all() {
        return pending();
    }

    /** Records that {@code count} was written. */
    synchronized void written(Count count) {
        if (count.count() > count.row().written) {
            count.row().written = count.count();
        }
    }

    private List<Count> pending() {
        List<Count> out = new ArrayList<>();
        for (Row r : closed) {
            if (r.count > r.written) {
                out.add(new Count(r, r.count, r.last));
            }
        }
        closed.clear();
        for (Row r : open.values()) {
            if (r.count > r.written) {
                out.add(new Count(r, r.count, r.last));
            }
        }
        return out;
    }

    private void closeOver(Instant now) {
        for (Iterator<Row> i = open.values().iterator(); i.hasNext(); ) {
            Row r = i.next();
            if (!now.isBefore(r.opened.plus(window))) {
                i.remove();
                forget(r);
            }
        }
    }

    private void close(Row row) {
        open.remove(row.key);
        forget(row);
    }

    private void forget(Row row) {
        if (row.key.source() != null) {
            sourceRows--;
        }
        if (row.count > row.written) {
            closed.add(row);
        }
    }

    /** The source address of an event that anyone can cause; empty for every other kind. */
    static Optional<InetAddress> source(Event event) {
        return switch (event) {
            case Event.RegistrationRejected r -> address(r.source());
            case Event.AuthenticationFailed a -> address(a.source());
            default -> Optional.empty();
        };
    }

    private static Optional<InetAddress> address(InetSocketAddress a) {
        return a == null ? Optional.empty() : Optional.ofNullable(a.getAddress());
    }
}
