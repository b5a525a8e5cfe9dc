package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers every OPTIONS probe at once, unless a failure reason is set for the path. */
final class FakeOptionsProbe implements OptionsProbe {

    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger probes = new AtomicInteger();

    void fail(String path, String reason) {
        failures.put(path, reason);
    }

    void answer(String path) {
        failures.remove(path);
    }

    int probes() {
        return probes.get();
    }

    @Override
    public CompletionStage<Optional<String>> probe(WanPath path, java.time.Duration timeout) {
        probes.incrementAndGet();
        return CompletableFuture.completedFuture(Optional.ofNullable(failures.get(path.name())));
    }
}
