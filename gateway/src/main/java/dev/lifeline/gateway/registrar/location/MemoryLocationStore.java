package dev.lifeline.gateway.registrar.location;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Bindings in memory only: {@link #apply} completes at once and nothing survives a restart.
 * It breaks the gateway's promise that a 200 OK is backed by the disk, so it is not for
 * production; the bench module runs the gateway on it as the peer of {@link SqliteLocationStore},
 * so that the ratio between the two shows what that promise costs.
 */
public final class MemoryLocationStore implements LocationStore {

    private final BindingCache cache = new BindingCache();
    private final EventSink events;

    public MemoryLocationStore(EventSink events) {
        this.events = events;
    }

    @Override
    public CompletionStage<Void> apply(List<BindingChange> changes) {
        cache.apply(List.copyOf(changes));
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
    public int purgeExpired(Instant now) {
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
