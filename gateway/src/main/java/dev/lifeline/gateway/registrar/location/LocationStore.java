package dev.lifeline.gateway.registrar.location;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where bindings are kept. Lookups are served from memory and never block on I/O; only
 * {@link #apply} writes, and its stage is the durability promise.
 */
public interface LocationStore {

    /**
     * Applies the changes of one REGISTER, all or none. When the stage completes normally the
     * changes are durable and visible to {@link #lookup}; when it completes exceptionally none
     * of them happened (answer 500, RFC 3261 §10.3 step 7).
     */
    CompletionStage<Void> apply(List<BindingChange> changes);

    /** The AOR's bindings not expired at {@code now}, by {@link Binding#PREFERENCE}. */
    List<Binding> lookup(String aor, Instant now);

    /** Every binding not expired at {@code now}, grouped by AOR, each AOR by preference. */
    List<Binding> all(Instant now);

    /**
     * Removes bindings expired at {@code now} and reports each as a
     * {@link dev.lifeline.gateway.events.Event.BindingExpired}; returns how many.
     */
    int purgeExpired(Instant now);
}
