package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.routing.TrunkDirectory;
import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestClient;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The site's live trunks as routing and the edge see them: which are reachable now, how to
 * send to each, and which trunk an inbound request's source belongs to.
 */
public final class ProviderTrunks implements TrunkDirectory {

    private final Map<String, Entry> trunks = new LinkedHashMap<>();

    private record Entry(Trunk config, ProviderTrunk live) {
    }

    /** Adds a trunk in configuration (priority) order. */
    public void add(Trunk config, ProviderTrunk live) {
        trunks.put(config.name(), new Entry(config, live));
    }

    public void startAll() {
        trunks.values().forEach(e -> e.live().start());
    }

    /** Unregisters every trunk; completes when all have stopped. */
    public CompletionStage<Void> stopAll() {
        return CompletableFuture.allOf(trunks.values().stream()
                .map(e -> e.live().stop().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    public List<TrunkState> states() {
        return trunks.values().stream().map(e -> e.live().state()).toList();
    }

    public Collection<ProviderTrunk> all() {
        return trunks.values().stream().map(Entry::live).toList();
    }

    /** The trunk whose provider sent from this address, if any (screening of inbound requests). */
    public Optional<String> trunkFor(InetSocketAddress source) {
        return trunks.values().stream()
                .filter(e -> e.live().isFromProvider(source))
                .map(e -> e.config().name())
                .findFirst();
    }

    @Override
    public Optional<TrunkRoute> reachable(String trunkName) {
        Entry e = trunks.get(trunkName);
        if (e == null || !isUp(e.live().state().status())) {
            return Optional.empty();
        }
        return e.live().route().map(route -> new TrunkRoute(trunkName, route.target(),
                e.config().provider().toString(), credentials(e.config()), route.alternates()));
    }

    @Override
    public String whyUnreachable(String trunkName) {
        Entry e = trunks.get(trunkName);
        if (e == null) {
            return "trunk " + trunkName + " is not configured";
        }
        TrunkState s = e.live().state();
        return "trunk " + trunkName + " " + s.status().name().toLowerCase(java.util.Locale.ROOT)
                + (s.reason() == null || s.reason().isBlank() ? "" : ": " + s.reason());
    }

    private static boolean isUp(TrunkStatus status) {
        return status == TrunkStatus.REGISTERED || status == TrunkStatus.AVAILABLE;
    }

    /** A fresh digest client per call: nonce counts are per dialog-creating request anyway. */
    private static Optional<DigestClient> credentials(Trunk trunk) {
        if (trunk.username().isEmpty() || trunk.password().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DigestClient(trunk.username().get(),
                Credential.password(trunk.password().get().value()), new SecureRandom()));
    }
}
