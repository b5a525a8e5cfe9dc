package dev.lifeline.gateway.path;

import dev.lifeline.gateway.config.WanPath;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The confirmation burst's STUN checks: one {@link StunProber} per path, each asking every target
 * the path should reach; yes when any answers.
 */
public final class StunChecks implements ReachabilityCheck, AutoCloseable {

    private final ProbeIo io;
    private final Map<String, StunProber> probers = new LinkedHashMap<>();
    private final Function<WanPath, CompletionStage<List<InetSocketAddress>>> targets;

    /**
     * @param targets where STUN goes over a path: the provider's SIP targets located through it,
     *                or a STUN server's address
     * @throws IllegalStateException when a path's address cannot be bound
     */
    public StunChecks(List<WanPath> paths, Function<WanPath, CompletionStage<List<InetSocketAddress>>> targets) {
        this(paths, targets, () -> dev.lifeline.sip.transport.SocketGate.OPEN);
    }

    /** @param gate asked by the STUN sockets before each read and write */
    public StunChecks(List<WanPath> paths, Function<WanPath, CompletionStage<List<InetSocketAddress>>> targets,
                      java.util.function.Supplier<dev.lifeline.sip.transport.SocketGate> gate) {
        this.targets = targets;
        this.io = ProbeIo.create(1, gate);
        try {
            for (WanPath p : paths) {
                probers.put(p.name(), StunProber.start(p, io));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public CompletionStage<Boolean> check(WanPath path, Duration timeout) {
        StunProber prober = probers.get(path.name());
        if (prober == null) {
            return CompletableFuture.completedFuture(false);
        }
        return targets.apply(path).thenCompose(list -> {
            CompletableFuture<Boolean> any = new CompletableFuture<>();
            List<CompletableFuture<Optional<InetSocketAddress>>> each = new ArrayList<>();
            for (InetSocketAddress t : list) {
                CompletableFuture<Optional<InetSocketAddress>> answer = prober.check(t, timeout);
                answer.thenAccept(a -> {
                    if (a.isPresent()) {
                        any.complete(true);
                    }
                });
                each.add(answer);
            }
            // Decided on every answer, not a fixed false: dependents of one future run in no set order.
            CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenRun(() -> any.complete(each.stream().anyMatch(f -> f.join().isPresent())));
            return any;
        });
    }

    @Override
    public void close() {
        probers.values().forEach(StunProber::close);
        probers.clear();
        io.close();
    }
}
