package dev.lifeline.gateway;

import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.edge.TrunkScreen;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.routing.TrunkDirectory;
import dev.lifeline.gateway.routing.TrunkSummary;
import dev.lifeline.gateway.trunk.ProviderAddresses;
import dev.lifeline.gateway.trunk.ProviderTrunk;
import dev.lifeline.gateway.trunk.ProviderTrunks;
import dev.lifeline.gateway.trunk.TrunkListener;
import dev.lifeline.gateway.trunk.TrunkRoute;
import dev.lifeline.gateway.trunk.TrunkState;
import dev.lifeline.gateway.trunk.TrunkStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The configured trunks, running: each registers (or is probed) through the gateway's stack;
 * a status change becomes a {@link Event.TrunkStateChanged} event (refreshes do not, so the
 * log shows what an operator cares about: registered, failing and why, recovered).
 */
final class LiveTrunks implements Trunks {

    /** How long close() waits for the providers to confirm the un-REGISTERs. */
    private static final Duration UNREGISTER_WAIT = Duration.ofSeconds(2);

    private final ProviderTrunks trunks = new ProviderTrunks();
    private final Map<String, TrunkStatus> lastStatus = new ConcurrentHashMap<>();

    private final LivePaths paths;

    private LiveTrunks(LivePaths paths) {
        this.paths = paths;
    }

    static LiveTrunks start(GatewayContext context) {
        LiveTrunks live = new LiveTrunks(context.paths());
        for (Trunk trunk : context.config().trunks()) {
            try {
                TrunkListener listener = state -> live.onChange(state, context);
                live.trunks.add(trunk, context.paths().enabled()
                        ? overPaths(trunk, context, listener)
                        : ProviderTrunk.create(trunk, context.stack(), context.scheduler(), listener));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("trunk " + trunk.name() + ": cannot resolve provider "
                        + trunk.provider() + " (" + e.getMessage() + "); check trunks[].provider or DNS", e);
            }
        }
        return live;
    }

    /**
     * A trunk that starts on the preferred WAN path (its provider located through that path's
     * resolvers) or, when DNS fails everywhere at start, unlocated: it fails at once with the
     * reason and is given a route by the next path change or probe round.
     */
    private static ProviderTrunk overPaths(Trunk trunk, GatewayContext context, TrunkListener listener) {
        Optional<TrunkRoute> route = context.paths().initialRoute(trunk);
        List<InetAddress> addresses = route.map(r -> r.targets().stream().map(t -> t.remote().getAddress()).toList())
                .orElse(List.of());
        ProviderAddresses provider = addresses.isEmpty()
                // Nothing located yet: an address no request comes from (loopback, port 0) until a route arrives.
                ? new ProviderAddresses(List.of(InetAddress.getLoopbackAddress()), 0)
                : new ProviderAddresses(addresses, trunk.provider().port().orElse(-1));
        ProviderTrunk live = ProviderTrunk.create(trunk, context.stack(), route.orElse(null), provider,
                context.scheduler(), listener);
        live.onTargetFailure((method, target, reason) -> context.events().accept(new Event.ProviderTargetFailed(
                context.clock().instant(), trunk.name(), method, LivePaths.describe(target), reason)));
        if (route.isEmpty()) {
            live.unlocated("no path could locate " + trunk.provider() + " (see the DnsProblem events)");
        }
        return live;
    }

    @Override
    public java.util.Collection<ProviderTrunk> live() {
        return trunks.all();
    }

    private void onChange(TrunkState state, GatewayContext context) {
        TrunkStatus previous = lastStatus.put(state.name(), state.status());
        if (previous != state.status()) {
            context.events().accept(new Event.TrunkStateChanged(context.clock().instant(), state.name(),
                    state.status().name().toLowerCase(Locale.ROOT), state.reason()));
        }
    }

    @Override
    public TrunkScreen screen() {
        return trunks::trunkFor;
    }

    @Override
    public TrunkDirectory directory() {
        return new TrunkDirectory() {
            @Override
            public Optional<TrunkDirectory.TrunkRoute> reachable(String trunkName) {
                return paths.survival() ? Optional.empty() : trunks.reachable(trunkName);
            }

            @Override
            public String whyUnreachable(String trunkName) {
                return paths.survival() ? "trunk " + trunkName + ": every WAN path is down (survival mode)"
                        : trunks.whyUnreachable(trunkName);
            }
        };
    }

    @Override
    public List<TrunkSummary> summaries() {
        Instant now = Instant.now();
        return trunks.states().stream().map(s -> new TrunkSummary(s.name(),
                s.status().name().toLowerCase(Locale.ROOT), detail(s, now))).toList();
    }

    private static String detail(TrunkState s, Instant now) {
        StringBuilder d = new StringBuilder(s.reason());
        s.lastResponse().ifPresent(r -> d.append("; last answer ").append(r));
        if (s.status() == TrunkStatus.REGISTERED) {
            s.expiresAt().ifPresent(e -> d.append("; expires in ").append(Duration.between(now, e).toSeconds()).append(" s"));
        }
        s.retryAt().filter(r -> s.status() == TrunkStatus.FAILING)
                .ifPresent(r -> d.append("; retry in ").append(Math.max(0, Duration.between(now, r).toSeconds())).append(" s"));
        return d.toString();
    }

    @Override
    public void start() {
        trunks.startAll();
    }

    @Override
    public void close() {
        try {
            trunks.stopAll().toCompletableFuture().get(UNREGISTER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Shutting down: a provider that does not confirm the un-REGISTER lets the binding expire.
        }
    }
}
