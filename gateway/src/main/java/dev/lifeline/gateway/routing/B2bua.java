package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.calls.CallRecordStore;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.media.relay.MediaRelay;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.TelUri;
import dev.lifeline.sip.uri.Uri;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's back-to-back user agent (RFC 7092 §3.1.3, a "media relay" B2BUA): every call
 * is two or more dialogs — the caller's (A) and one per INVITE it sends (B legs, forks) — with
 * the media of every call anchored on the relay. Routing is {@link CallRouter}'s; this class is
 * the I/O shell around it.
 *
 * <p>All call state lives on one thread of its own: the stack's callbacks and completions hop
 * onto it, so a call needs no locks and the stack's callback thread never waits for a relay
 * socket to bind. Only the call index is concurrent, because {@link #onInDialog} must say at
 * once whether it knows a request.
 */
public final class B2bua implements CallHandler {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    private static final int DEFAULT_MAX_FORWARDS = 70;

    /**
     * What the B2BUA works with.
     *
     * @param media the relay's local address per leg
     */
    public record Services(SipStack stack, LocationStore locations, TrunkDirectory trunks, MediaRelay relay,
                           MediaAddresses media, EventSink events, CallRecordStore records, InstantSource clock) {
        public Services {
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(locations, "locations");
            Objects.requireNonNull(trunks, "trunks");
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Swapped whole by {@link #reconfigure}; a call reads it once, when it is routed. */
    private volatile CallRouter router;
    private volatile CallAdmission admission;
    private final Services services;
    private final B2buaSettings settings;
    private final ScheduledExecutorService loop;
    /** Calls by the A leg's Call-ID, and by each of their B legs' Call-IDs. */
    private final Map<String, Call> byCallId = new ConcurrentHashMap<>();
    private final Map<String, Call> active = new ConcurrentHashMap<>();
    /** Branches of the INVITEs we sent and are still setting up: seeing one come back is a loop. */
    private final Set<String> ourBranches = ConcurrentHashMap.newKeySet();

    public B2bua(CallRouter router, Services services, B2buaSettings settings) {
        this.router = Objects.requireNonNull(router, "router");
        this.admission = new CallAdmission(router.limits());
        this.services = Objects.requireNonNull(services, "services");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "b2bua");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void reconfigure(dev.lifeline.gateway.config.SiteConfig next) {
        CallRouter nextRouter = new CallRouter(next);
        run(() -> {
            router = nextRouter;
            admission = new CallAdmission(nextRouter.limits());
        });
    }

    @Override
    public void onInvite(ServerRequest invite, Caller caller) {
        run(() -> start(invite, caller));
    }

    @Override
    public boolean onInDialog(ServerRequest request) {
        Call call = byCallId.get(request.request().callId());
        if (call == null) {
            return false;
        }
        run(() -> call.onInDialog(request));
        return true;
    }

    @Override
    public void moveTrunkCalls(String trunk, Target target, InetAddress media, Instant since) {
        run(() -> List.copyOf(active.values()).forEach(call -> call.moveTrunkSide(trunk, target, media, since)));
    }

    @Override
    public void endTrunkCalls(String trunk, String why) {
        run(() -> List.copyOf(active.values()).forEach(call -> call.endTrunkSide(trunk, why)));
    }

    @Override
    public void refreshTrunkCalls(String trunk, String why) {
        run(() -> List.copyOf(active.values()).forEach(call -> call.refreshTrunkSide(trunk, why)));
    }

    @Override
    public java.util.concurrent.CompletionStage<List<TrunkCallMedia>> trunkCallMedia() {
        java.util.concurrent.CompletableFuture<List<TrunkCallMedia>> result = new java.util.concurrent.CompletableFuture<>();
        run(() -> result.complete(active.values().stream().flatMap(c -> c.trunkMedia().stream()).toList()));
        return result;
    }

    @Override
    public List<CallInfo> activeCalls() {
        return active.values().stream().map(Call::info).toList();
    }

    /** Ends every call (BYE to answered ones, 503 to ringing ones) and stops the B2BUA's thread. */
    @Override
    public void close() {
        try {
            loop.submit(() -> List.copyOf(active.values()).forEach(Call::shutdown)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("calls not ended cleanly on close: {}", e.toString());
        }
        loop.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- on the B2BUA thread ------------------------------------------------------------

    private void start(ServerRequest invite, Caller caller) {
        SipRequest request = invite.request();
        int maxForwards = request.maxForwards().orElse(DEFAULT_MAX_FORWARDS);
        if (maxForwards <= 0) {
            invite.respond(483, "Too Many Hops");      // RFC 3261 §16.3 step 2, applied at our UAS
            return;
        }
        if (request.vias().stream().map(Via::branch).flatMap(Optional::stream).anyMatch(ourBranches::contains)) {
            invite.respond(482, "Loop Detected");      // §16.3 step 4: our own INVITE came back to us
            return;
        }
        invite.respond(100, "Trying");
        boolean viaProvider = request.headers().first(CallRouter.DRILL_HEADER)
                .filter(v -> v.strip().equalsIgnoreCase(CallRouter.VIA_PROVIDER)).isPresent() && router.mayAskViaProvider(caller);
        CallRouter.Request routing = new CallRouter.Request(caller, user(request.requestUri()), user(request.to().uri()),
                user(request.from().uri()), viaProvider);
        RouteDecision routed = router.route(routing, services.trunks());
        // Before the call takes relay ports: the caller is authenticated (or its source screened) by now.
        RouteDecision decision = admission.check(caller, routed, active.values().stream().map(Call::asAdmitted).toList())
                .<RouteDecision>map(refusal -> refusal).orElse(routed);
        Call call = new Call(this, invite, caller, routing, decision, maxForwards - 1);
        active.put(call.id(), call);
        byCallId.put(call.id(), call);
        call.start();
    }

    static String user(Uri uri) {
        return switch (uri) {
            case SipUri sip -> sip.user() == null ? "" : sip.user();
            case TelUri tel -> tel.number();
            default -> "";
        };
    }

    // ---- for calls ----------------------------------------------------------------------

    Services services() {
        return services;
    }

    B2buaSettings settings() {
        return settings;
    }

    Numbering numbering() {
        return router.numbering();
    }

    int contactsPerExtension() {
        return router.contactsPerExtension();
    }

    ScheduledExecutorService loop() {
        return loop;
    }

    /** Runs on the B2BUA thread; a failure is logged, never lost silently. */
    void run(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("call handling failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("B2BUA closed; dropping a call event");
        }
    }

    void sent(Call call, Fork fork) {
        byCallId.put(fork.callId(), call);
        if (!call.routing().viaProvider()) {
            // A drill's call sent out to come back in (through a proxy that keeps our Via) is no loop.
            fork.invite.topVia().branch().ifPresent(ourBranches::add);
        }
    }

    void forget(Call call, List<Fork> forks) {
        active.remove(call.id(), call);
        byCallId.remove(call.id(), call);
        for (Fork f : forks) {
            byCallId.remove(f.callId(), call);
            f.invite.topVia().branch().ifPresent(ourBranches::remove);
        }
    }
}
