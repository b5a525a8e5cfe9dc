package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.dns.TargetFailover;
import dev.lifeline.gateway.dns.TargetVerdict;
import dev.lifeline.gateway.trunk.TrunkInput.ProbeResult;
import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trunk to a provider, live: runs {@link TrunkRegistration} against a {@link SipStack}.
 * It sends the REGISTERs (answering digest challenges with the trunk's credentials) and
 * OPTIONS the machine asks for, wakes it on an injected scheduler when a deadline comes, and
 * tells a {@link TrunkListener} about every state change.
 *
 * <p>Every input goes through one lock, in order. Answers from the stack arrive on the stack's
 * callback thread and are handed to the scheduler first, so the stack's thread never waits
 * for the lock and a request that fails at once cannot re-enter a step in progress.
 */
public final class ProviderTrunk {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderTrunk.class);

    private final String name;
    private final TrunkRegistration machine;
    private final SipStack stack;
    private final Optional<DigestClient> account;
    private final ProviderAddresses provider;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final TrunkListener listener;
    private final TrunkRequests requests;
    private final CompletableFuture<TrunkState> stopped = new CompletableFuture<>();
    /** Told when a provider target failed a request and the next was tried: (method, target, why). */
    private volatile TargetFailureListener targetFailed = (method, target, why) -> { };
    /** Told the top Via of the provider's answers (REGISTER 2xx, keepalive OPTIONS): where it sees us from. */
    private volatile ViaListener viaSeen = (method, target, via) -> { };

    /** Null while the provider has not been located on any path (DNS down at start). */
    private volatile TrunkRoute route;
    private volatile String unlocated = "";
    private volatile RegistrationState state;
    /** The Contact the provider last accepted, removed when we register from another path. Guarded by this. */
    private Optional<SipUri> boundContact = Optional.empty();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    /**
     * @param route     where to send and what Contact to advertise (a WAN failover changes it with {@link #moveTo})
     * @param provider  the addresses inbound requests from the provider come from
     * @param scheduler runs the deadlines and the answers from the stack; a single thread is enough
     * @param random    the backoff jitter and digest cnonces; production passes a {@link SecureRandom}
     */
    public ProviderTrunk(Trunk trunk, TrunkSettings settings, SipStack stack, TrunkRoute route, ProviderAddresses provider,
                         ScheduledExecutorService scheduler, InstantSource clock, RandomGenerator random,
                         TrunkListener listener) {
        this.name = trunk.name();
        this.machine = new TrunkRegistration(trunk.name(), settings, random);
        this.stack = Objects.requireNonNull(stack, "stack");
        this.route = route;
        this.provider = Objects.requireNonNull(provider, "provider");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.account = account(trunk, random);
        if (settings.register() && account.isEmpty()) {
            throw new IllegalArgumentException("trunk " + trunk.name() + " registers but has no username and password");
        }
        this.requests = new TrunkRequests(trunk.provider(), user(trunk), stack.tokens(),
                route != null ? route.contact().host() : stack.localUri("x", Transport.UDP).host());
        this.state = machine.initial(clock.instant());
    }

    /**
     * A trunk with the default settings for its configuration, the system clock and a secure
     * random source. The provider's host is resolved here, once (see {@link ProviderAddresses});
     * without a port in the configuration the transport's default port is used until RFC 3263
     * SRV resolution arrives with the path manager.
     */
    public static ProviderTrunk create(Trunk trunk, SipStack stack, ScheduledExecutorService scheduler,
                                       TrunkListener listener) throws UnknownHostException {
        ProviderAddresses addresses = ProviderAddresses.resolve(trunk.provider());
        Transport transport = Transport.valueOf(trunk.transport().name());
        int port = trunk.provider().port().orElse(transport.defaultPort());
        // For TLS the host string is the name the provider's certificate is checked against.
        InetAddress named = InetAddress.getByAddress(trunk.provider().host(), addresses.first().getAddress());
        Target target = Target.of(transport, new InetSocketAddress(named, port));
        return new ProviderTrunk(trunk, TrunkSettings.forTrunk(trunk), stack,
                TrunkRoute.viaListenPoint(stack, user(trunk), target), addresses, scheduler, Clock.systemUTC(),
                new SecureRandom(), listener);
    }

    /**
     * A trunk that starts on a given route (a WAN path's, its targets found by RFC 3263 through
     * that path's resolvers), with the system clock and a secure random source.
     *
     * @param addresses the addresses the provider's inbound requests may come from
     */
    public static ProviderTrunk create(Trunk trunk, SipStack stack, TrunkRoute route, ProviderAddresses addresses,
                                       ScheduledExecutorService scheduler, TrunkListener listener) {
        return new ProviderTrunk(trunk, TrunkSettings.forTrunk(trunk), stack, route, addresses, scheduler,
                Clock.systemUTC(), new SecureRandom(), listener);
    }

    public String name() {
        return name;
    }

    /** Hears of each provider target that failed a request before the next was tried. */
    @FunctionalInterface
    public interface TargetFailureListener {
        void onTargetFailed(String method, Target target, String reason);
    }

    public void onTargetFailure(TargetFailureListener listener) {
        targetFailed = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Hears the top Via of the provider's answers to the trunk's own requests — a REGISTER's
     * 2xx (the address the binding was made from) and the keepalive OPTIONS' answers — whose
     * {@code received}/{@code rport} say where the provider sees us from (RFC 3581). Called on
     * the stack's thread: it must not block.
     */
    @FunctionalInterface
    public interface ViaListener {
        /** @param method "REGISTER" or "OPTIONS": the request {@code via} answered */
        void onVia(String method, Target target, Via via);
    }

    public void onResponseVia(ViaListener listener) {
        viaSeen = Objects.requireNonNull(listener, "listener");
    }

    public TrunkState state() {
        return state.report();
    }

    /** Where the trunk sends now; empty while its provider has not been located. */
    public Optional<TrunkRoute> route() {
        return Optional.ofNullable(route);
    }

    /**
     * The provider could not be located (every path's DNS failed): requests fail at once with
     * {@code reason} until a {@link #moveTo} gives a route.
     */
    public synchronized void unlocated(String reason) {
        unlocated = reason;
    }

    /** Sends the first REGISTER (or OPTIONS for a probe-only trunk). */
    public void start() {
        apply(new TrunkInput.Start());
    }

    /** A fresh REGISTER now, resetting the backoff: e.g. the operator asked, or the provider told us it lost us. */
    public void reregisterNow(String reason) {
        apply(new TrunkInput.ReregisterNow(reason));
    }

    /**
     * Moves signalling to another path: from now on requests go to {@code next}'s target with
     * its Contact, and a REGISTER goes out at once (removing the old Contact in the same request).
     */
    public synchronized void moveTo(TrunkRoute next, String reason) {
        route = Objects.requireNonNull(next, "next");
        apply(new TrunkInput.ReregisterNow(reason));
    }

    /**
     * Unregisters (Expires: 0) if a binding may exist and stops. The stage completes with the
     * final, {@link TrunkStatus#DISABLED} state once the provider answered or Timer F gave up.
     */
    public CompletionStage<TrunkState> stop() {
        apply(new TrunkInput.Shutdown());
        return stopped;
    }

    /**
     * Whether an inbound request's source is the provider: its IP is one the provider's host
     * resolved to, or the one we send to now. The gateway answers other sources 403.
     */
    public boolean isFromProvider(InetSocketAddress source) {
        if (provider.contains(source)) {
            return true;
        }
        // The route's targets (another path's, the next SRV targets) count too, under the same rule.
        // Asked for every request from outside: a plain loop, nothing allocated.
        TrunkRoute now = route;
        if (now == null || source == null || source.isUnresolved()) {
            return false;
        }
        for (Target t : now.targets()) {
            InetSocketAddress remote = t.remote();
            if (remote.getAddress() != null && remote.getAddress().equals(source.getAddress())
                    && (!source.getAddress().isLoopbackAddress() || source.getPort() == remote.getPort())) {
                return true;   // the same rule as ProviderAddresses#contains, for one target
            }
        }
        return false;
    }

    // ---- the loop ----

    private synchronized void apply(TrunkInput input) {
        TrunkRegistration.Step step = machine.next(state, input, clock.instant());
        state = step.state();
        step.actions().forEach(this::run);
        rescheduleWake();
    }

    private void run(TrunkAction action) {
        switch (action) {
            case TrunkAction.Publish p -> publish(p.state());
            case TrunkAction.SendRegister r -> register(r.attempt(), r.expires());
            case TrunkAction.SendUnregister u -> register(u.attempt(), Duration.ZERO);
            case TrunkAction.SendProbe p -> probe(p.probe());
        }
    }

    private void publish(TrunkState report) {
        LOG.debug("trunk {}: {} ({})", name, report.status(), report.reason());
        try {
            listener.onChange(report);
        } catch (RuntimeException e) {
            LOG.warn("trunk {}: listener failed on {}", name, report.status(), e);
        }
        if (report.status() == TrunkStatus.DISABLED) {
            stopped.complete(report);
        }
    }

    private void register(int attempt, Duration expires) {
        TrunkRoute used = route;
        if (used == null) {
            submit(() -> apply(new TrunkInput.RegisterResult(attempt,
                    RegisterAnswers.of(new TransportException("provider not located: " + unlocated)))));
            return;
        }
        SipUri contact = used.contact();
        Optional<SipUri> previous = boundContact.filter(c -> !c.equals(contact));
        SipRequest request = requests.register(contact, expires, previous);
        registerAt(used, used.targets(), 0, request).whenComplete((response, failure) -> submit(() -> {
            if (response != null && response.isSuccess()) {
                noteBinding(expires.isZero() ? Optional.empty() : Optional.of(contact));
            }
            RegisterOutcome outcome = response != null
                    ? RegisterAnswers.of(response, contact, expires) : RegisterAnswers.of(failure);
            apply(new TrunkInput.RegisterResult(attempt, outcome));
        }));
    }

    /**
     * RFC 3263 §4.3: a REGISTER that times out, cannot be delivered or is answered 503 goes to the
     * next target; the target that answers is tried first from then on. Each try is a new
     * transaction (the stack gives the request a fresh branch), with the same Call-ID.
     */
    private CompletionStage<SipResponse> registerAt(TrunkRoute used, List<Target> targets, int index,
                                                    SipRequest request) {
        Target target = targets.get(index);
        return stack.requestWithAuth(request, target, account.orElseThrow()).handle((response, failure) -> {
            boolean more = index + 1 < targets.size();
            TargetVerdict verdict = TargetFailover.classify(response, failure, false);
            if (more && verdict instanceof TargetVerdict.TryNext next) {
                LOG.info("trunk {}: REGISTER to {} failed ({}), trying {}", name, TrunkRoute.describe(target), next.reason(),
                        TrunkRoute.describe(targets.get(index + 1)));
                targetFailed.onTargetFailed("REGISTER", target, next.reason());
                return registerAt(used, targets, index + 1, request);
            }
            if (verdict instanceof TargetVerdict.Answered && index > 0) {
                preferTarget(used, target);
            }
            if (response != null && response.isSuccess()) {
                noteVia("REGISTER", target, response);
            }
            return response != null ? CompletableFuture.completedFuture(response)
                    : CompletableFuture.<SipResponse>failedFuture(failure);
        }).thenCompose(stage -> stage);
    }

    private synchronized void preferTarget(TrunkRoute used, Target answered) {
        if (route == used) {
            route = used.preferring(answered);
        }
    }

    private synchronized void noteBinding(Optional<SipUri> contact) {
        boundContact = contact;
    }

    private void probe(int id) {
        TrunkRoute used = route;
        if (used == null) {
            submit(() -> apply(ProbeResult.failed(id, "provider not located: " + unlocated)));
            return;
        }
        SipRequest options = requests.options(used.contact().host());
        stack.request(options, used.target()).whenComplete((response, failure) -> {
            if (response != null) {
                noteVia("OPTIONS", used.target(), response);
            }
            submit(() -> apply(response != null
                    ? ProbeResult.answered(id, ResponseLine.of(response))
                    : ProbeResult.failed(id, RegisterAnswers.describe(failure))));
        });
    }

    private void noteVia(String method, Target target, SipResponse response) {
        try {
            if (!response.vias().isEmpty()) {
                viaSeen.onVia(method, target, response.topVia());
            }
        } catch (RuntimeException e) {
            LOG.warn("trunk {}: Via listener failed", name, e);
        }
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("trunk {}: scheduler shut down, dropping an answer", name);
        }
    }

    /** One pending wake-up, at the machine's earliest deadline. */
    private void rescheduleWake() {
        Optional<Instant> next = state.nextWake();
        if (next.equals(Optional.ofNullable(wakeAt))) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wake = null;
        wakeAt = null;
        if (next.isEmpty()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), next.get()).toNanos());
        try {
            wake = scheduler.schedule(this::onWake, delay, TimeUnit.NANOSECONDS);
            wakeAt = next.get();
        } catch (RejectedExecutionException e) {
            LOG.debug("trunk {}: scheduler shut down, not scheduling", name);
        }
    }

    private synchronized void onWake() {
        wake = null;
        wakeAt = null;
        apply(new TrunkInput.Tick());
    }

    private static Optional<DigestClient> account(Trunk trunk, RandomGenerator random) {
        if (trunk.username().isEmpty() || trunk.password().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DigestClient(trunk.username().get(), Credential.password(trunk.password().get().value()), random));
    }

    private static String user(Trunk trunk) {
        return trunk.username().orElse(TrunkRequests.ANONYMOUS_USER);
    }
}
