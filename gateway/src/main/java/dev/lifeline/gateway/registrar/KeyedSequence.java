package dev.lifeline.gateway.registrar;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one at a time per key, in arrival order, and different keys in
 * parallel. A REGISTER reads the AOR's bindings, decides and writes; two of them for the same
 * AOR interleaving would decide on stale bindings (and break the CSeq check of §10.3 step 7).
 */
final class KeyedSequence {

    private final ConcurrentHashMap<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    <T> CompletableFuture<T> run(String key, Supplier<? extends CompletionStage<T>> work) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<T> next = gate.thenCompose(x -> work.get());
        // put() swaps atomically: each task waits for exactly the one before it.
        CompletableFuture<?> previous = tails.put(key, next);
        next.whenComplete((v, e) -> tails.remove(key, next));
        if (previous == null) {
            gate.complete(null);
        } else {
            previous.whenComplete((v, e) -> gate.complete(null));
        }
        return next;
    }

    /** Keys with work running or waiting; for metrics and tests. */
    int active() {
        return tails.size();
    }
}
