package dev.lifeline.gateway.registrar.location;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A working location store in memory; can be told to fail its next apply. */
public final class FakeLocationStore implements LocationStore {

    private final BindingCache cache = new BindingCache();
    private final EventSink events;
    private final List<List<BindingChange>> applied = new ArrayList<>();
    private Throwable nextFailure;

    public FakeLocationStore(EventSink events) {
        this.events = events;
    }

    public FakeLocationStore() {
        this(EventSink.discarding());
    }

    /** The next apply fails with {@code failure} and changes nothing. */
    public synchronized void failNext(Throwable failure) {
        nextFailure = failure;
    }

    /** Every successful apply, in order. */
    public synchronized List<List<BindingChange>> applied() {
        return List.copyOf(applied);
    }

    @Override
    public synchronized CompletionStage<Void> apply(List<BindingChange> changes) {
        if (nextFailure != null) {
            Throwable f = nextFailure;
            nextFailure = null;
            return CompletableFuture.failedFuture(f);
        }
        cache.apply(changes);
        applied.add(List.copyOf(changes));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<Binding> lookup(String aor, Instant now) {
        return cache.lookup(aor, now);
    }

    @Override
    public List<Binding> all(Instant now) {
        return cache.all(now);
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int purged = 0;
        for (Binding b : cache.expired(now)) {
            if (cache.removeIfUnchanged(b)) {
                events.accept(new Event.BindingExpired(now, b.aor(), b.contact().toString(), b.expiresAt()));
                purged++;
            }
        }
        return purged;
    }
}
