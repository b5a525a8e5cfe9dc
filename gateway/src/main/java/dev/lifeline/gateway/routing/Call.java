package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.calls.CallRecord;
import dev.lifeline.gateway.calls.LegBlame;
import dev.lifeline.gateway.calls.LegReading;
import dev.lifeline.gateway.calls.LegSide;
import dev.lifeline.gateway.calls.StreamQuality;
import dev.lifeline.gateway.dns.TargetFailover;
import dev.lifeline.gateway.dns.TargetVerdict;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.routing.RingPlan.Destination;
import dev.lifeline.media.relay.Leg;
import dev.lifeline.media.relay.LegQuality;
import dev.lifeline.media.relay.RelaySession;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.CancelRequest;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the B2BUA: the caller's INVITE (A leg), the INVITEs rung for it step by step
 * (forks), then two confirmed dialogs relayed to each other. Every method runs on the B2BUA's
 * thread; only the fields {@link #info()} reads are volatile.
 */
final class Call {

    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    /** Headers an in-dialog request keeps on its way to the other leg; the rest is per dialog. */
    private static final List<String> PASSED_HEADERS = List.of("Event", "Subscription-State", "Refer-To", "Referred-By",
            "Info-Package", "Reason", "Allow", "Supported");

    private enum State { RINGING, ANSWERED, CONFIRMED, ENDED }

    private final B2bua b2bua;
    private final SipStack stack;
    private final ServerRequest invite;
    private final Caller caller;
    private final CallRouter.Request routing;
    private final RouteDecision decision;
    private final int maxForwards;
    private final Instant started;
    private final MediaLeg mediaA = new MediaLeg(Leg.A);
    private final MediaLeg mediaB = new MediaLeg(Leg.B);
    private final Map<Leg, LegQuality> finalQuality = new ConcurrentHashMap<>();
    /** The latest report of each leg while the call is up, for status and the admin API. */
    private final Map<Leg, LegQuality> latestQuality = new ConcurrentHashMap<>();
    private final List<Fork> forks = new ArrayList<>();

    private State state = State.RINGING;
    private RingPlan plan = new RingPlan(List.of());
    private int step = -1;
    private ScheduledFuture<?> stepTimer;
    private RelaySession relay;
    private CallSide a;
    private CallSide b;
    private volatile Instant answered;
    /** The network the callee's leg crosses: the ringing step's destination, then the answering one's. */
    private volatile LegSide calleeSide = LegSide.LAN;

    Call(B2bua b2bua, ServerRequest invite, Caller caller, CallRouter.Request routing, RouteDecision decision, int maxForwards) {
        this.b2bua = b2bua;
        this.stack = b2bua.services().stack();
        this.invite = invite;
        this.caller = caller;
        this.routing = routing;
        this.decision = decision;
        this.maxForwards = maxForwards;
        this.started = b2bua.services().clock().instant();
    }

    String id() {
        return invite.request().callId();
    }

    /** This call as admission control counts it; on the B2BUA thread. */
    CallAdmission.Up asAdmitted() {
        return new CallAdmission.Up(caller, decision instanceof RouteDecision.Emergency, state == State.RINGING);
    }

    CallInfo info() {
        List<LegReading> legs = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            LegQuality q = latestQuality.get(leg);
            if (q != null) {
                legs.add(LegReading.of(side(leg), party(leg), StreamQuality.of(q)));
            }
        }
        return new CallInfo(id(), from(), routing.dialled(), decision.describe(), started, Optional.ofNullable(answered),
                List.copyOf(legs), LegBlame.judge(legs));
    }

    /** Leg A faces the caller (a phone, or the provider for an inbound call); leg B the callee. */
    private LegSide side(Leg leg) {
        if (leg == Leg.A) {
            return caller instanceof Caller.Trunk ? LegSide.WAN : LegSide.LAN;
        }
        return calleeSide;
    }

    private String party(Leg leg) {
        return CallRecord.party(side(leg), leg == Leg.A ? from() : routing.dialled());
    }

    /** The caller as records show it: the extension, or the calling number as presented to the callee. */
    CallRouter.Request routing() {
        return routing;
    }

    private String from() {
        return switch (caller) {
            case Caller.Extension e -> e.number();
            case Caller.Trunk t -> switch (decision) {
                case RouteDecision.ToExtension e -> e.callerId();
                case RouteDecision.ToGroup g -> g.callerId();
                default -> routing.calling();
            };
        };
    }

    // ---- setting up -----------------------------------------------------------------------

    void start() {
        b2bua.services().events().accept(new Event.CallStarted(started, id(), from(), routing.dialled(), decision.describe()));
        if (decision instanceof RouteDecision.Reject r) {
            fail(new Failure(r.status(), r.reason(), false, true));
            return;
        }
        Optional<SdpResult> offer = MediaLeg.sdpOf(invite.request());
        if (offer.isPresent() && offer.get() instanceof SdpResult.Invalid invalid) {
            fail(new Failure(488, "Not Acceptable Here: " + invalid.reason(), false, true));
            return;
        }
        Optional<String> unusable = MediaLeg.parsed(invite.request()).flatMap(MediaLeg::unusableAddress);
        if (unusable.isPresent()) {
            fail(new Failure(488, "Not Acceptable Here: " + unusable.get(), false, true));
            return;
        }
        // The registrar keeps at most this many contacts; a store filled before that limit still rings no more.
        int contacts = b2bua.contactsPerExtension();
        plan = RingPlan.of(decision, aor -> b2bua.services().locations().lookup(aor, b2bua.services().clock().instant())
                .stream().sorted(Binding.PREFERENCE).limit(contacts).toList(),
                b2bua.settings());
        if (plan.isEmpty()) {
            fail(new Failure(480, "Temporarily Unavailable: " + routing.dialled() + " is not registered", false, true));
            return;
        }
        try {
            relay = b2bua.services().relay().open(id(), callerMediaAddress(),
                    mediaAddress(plan.steps().get(0).destinations().get(0)), q -> {
                        if (q.isFinal()) {
                            finalQuality.put(q.leg(), q);
                        } else if (q.packets() > 0) {
                            latestQuality.put(q.leg(), q);
                            b2bua.services().events().accept(qualityEvent(q));
                        }
                    });
        } catch (RuntimeException e) {
            fail(new Failure(503, "Service Unavailable: no media ports (" + e.getMessage() + ")", false, true));
            return;
        }
        mediaA.signalledFrom(invite.source().remote().getAddress(), relay);
        MediaLeg.parsed(invite.request()).ifPresent(sdp -> mediaA.announced(sdp, relay, false));
        startStep(0);
    }

    private Event.CallQuality qualityEvent(dev.lifeline.media.relay.LegQuality q) {
        // Leg A faces the caller: what arrives there is the caller's audio on its way to the callee.
        String direction = q.leg() == dev.lifeline.media.relay.Leg.A ? "from caller" : "from callee";
        return new Event.CallQuality(q.at(), id(), direction, q.packets(), q.lossPercent(), q.jitterMillis(),
                q.rtt().map(d -> d.toNanos() / 1e6).orElse(-1.0), q.r(), q.rating().mos(), side(q.leg()).spelling());
    }

    private InetAddress callerMediaAddress() {
        return switch (caller) {
            case Caller.Trunk t -> b2bua.services().media().towardTrunk(t.name());
            case Caller.Extension e -> b2bua.services().media().towardPhone(invite.source().local());
        };
    }

    private InetAddress mediaAddress(Destination d) {
        return switch (d) {
            case Destination.Phone p -> b2bua.services().media().towardPhone(p.binding().flow().local());
            case Destination.Provider t -> b2bua.services().media().towardTrunk(t.attempt().route().name());
        };
    }

    private static LegSide sideOf(Destination d) {
        return d instanceof Destination.Provider ? LegSide.WAN : LegSide.LAN;
    }

    private void startStep(int index) {
        step = index;
        RingPlan.Step s = plan.steps().get(index);
        InetAddress wanted = mediaAddress(s.destinations().get(0));
        calleeSide = sideOf(s.destinations().get(0));
        if (!relay.local(Leg.B).rtp().getAddress().equals(wanted)) {
            relay.moveLeg(Leg.B, wanted);   // e.g. an emergency call falling back from a trunk to a local group
        }
        mediaB.noSignallingYet(relay);
        for (Destination d : s.destinations()) {
            send(d);
        }
        stepTimer = b2bua.loop().schedule(() -> b2bua.run(() -> onStepTimeout(index)), s.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void send(Destination d) {
        Target target = targets(d).get(0);
        send(d, 0, target, stack.prepare(outgoingInvite(d, target), target));
    }

    private void send(Destination d, int attempt, Target target, SipRequest prepared) {
        Optional<DigestClient> credentials = d instanceof Destination.Provider p
                ? p.attempt().route().credentials() : Optional.empty();
        Fork fork = new Fork(d, step, prepared, target, credentials, attempt);
        forks.add(fork);
        mediaB.alsoSignalledFrom(target.remote().getAddress(), relay);   // early media may come from any target rung
        b2bua.sent(this, fork);
        // A provider target that answers nothing at all gives way to the next one after the
        // target timeout, not Timer B's 32 s; the last target (or a phone) gets the full Timer B.
        java.time.Duration full = stack.timers().transactionTimeout();
        java.time.Duration timerB = targets(d).size() > attempt + 1 && b2bua.settings().targetTimeout().compareTo(full) < 0
                ? b2bua.settings().targetTimeout() : full;
        var stage = credentials.isPresent()
                ? stack.requestWithAuth(prepared, target, credentials.get(), r -> b2bua.run(() -> onProvisional(fork, r)),
                        timerB)
                : stack.request(prepared, target, r -> b2bua.run(() -> onProvisional(fork, r)), timerB);
        stage.whenComplete((response, error) -> b2bua.run(() -> onFinal(fork, response, error)));
    }

    /** Where a destination can be reached, in the order to try: a provider's RFC 3263 targets, a phone's one flow. */
    private static List<Target> targets(Destination d) {
        return switch (d) {
            // The flow the REGISTER came in on: behind NAT the Contact's address is unreachable.
            case Destination.Phone p -> List.of(p.binding().flow().connection()
                    .map(c -> Target.onFlow(c, p.binding().flow().transport(), p.binding().flow().remote()))
                    .orElseGet(() -> Target.of(p.binding().flow().transport(), p.binding().flow().remote())));
            case Destination.Provider t -> t.attempt().route().targets();
        };
    }

    /**
     * RFC 3263 §4.3: an INVITE to a provider target that timed out, could not be sent or was
     * answered 503 before anything but a 100 came back goes again, as a new transaction (new
     * branch), to the provider's next target. Call-ID, tags and body stay: it is the same
     * request; the CSeq goes past every one used so far, so that a server sharing state with
     * the first cannot take it for a merged request (§8.2.2.2). Returns false when there is no
     * next target or the failure is one another target would not change.
     */
    private boolean failedOver(Fork fork, SipResponse response, Throwable error) {
        if (!(fork.destination instanceof Destination.Provider provider)
                || !(TargetFailover.classify(response, error, fork.committed) instanceof TargetVerdict.TryNext next)) {
            return false;
        }
        TrunkDirectory.TrunkRoute route = provider.attempt().route();
        b2bua.services().events().accept(new Event.ProviderTargetFailed(b2bua.services().clock().instant(), route.name(),
                "INVITE", TrunkDirectory.TrunkRoute.describe(fork.target), next.reason()));
        List<Target> targets = route.targets();
        if (fork.attempt + 1 >= targets.size()) {
            return false;
        }
        Target target = targets.get(fork.attempt + 1);
        LOG.debug("call {}: {} at {} failed ({}), trying {}", id(), fork.describe(), TrunkDirectory.TrunkRoute.describe(fork.target),
                next.reason(), TrunkDirectory.TrunkRoute.describe(target));
        SipRequest again = fork.invite.toBuilder()
                .popVia()
                .cseq(new CSeq(fork.lastCseq + 1, "INVITE"))
                .contact(Contact.of(NameAddress.of(localUri(contactUser(fork.destination.callerId()), target))))
                .build();
        send(fork.destination, fork.attempt + 1, target, stack.prepare(again, target));
        return true;
    }

    private SipRequest outgoingInvite(Destination d, Target target) {
        String host = localHost(target.transport());
        Uri requestUri;
        NameAddress to;
        SipUri fromUri;
        switch (d) {
            case Destination.Phone p -> {
                requestUri = p.binding().contact();
                to = NameAddress.of(SipUri.of(p.aor(), host, -1));
                fromUri = SipUri.of(d.callerId(), host, -1);
            }
            case Destination.Provider t -> {
                String domain = t.attempt().route().domain();
                requestUri = SipUri.parse("sip:" + t.attempt().number() + "@" + domain);
                to = NameAddress.of(requestUri);
                fromUri = SipUri.parse("sip:" + d.callerId() + "@" + domain);
            }
        }
        String display = invite.request().from().displayName();
        SipRequest.Builder out = SipRequest.builder("INVITE", requestUri)
                .from(new NameAddress(display, fromUri, Parameters.EMPTY.with("tag", stack.tokens().tag())))
                .to(to)
                .callId(stack.tokens().callId(host))
                .cseq(new CSeq(1, "INVITE"))
                .maxForwards(maxForwards)
                .contact(Contact.of(NameAddress.of(localUri(contactUser(d.callerId()), target))));
        MediaLeg.parsed(invite.request()).ifPresent(sdp -> out.body(MediaLeg.SDP, mediaB.toward(sdp, relay)));
        return out.build();
    }

    private static String contactUser(String callerId) {
        return Numbering.isNumber(callerId) ? callerId : "lifeline";
    }

    private String localHost(Transport transport) {
        SipUri local = stack.localUri("x", transport);
        return local.host();
    }

    // ---- responses from the forks -------------------------------------------------------

    private void onProvisional(Fork fork, SipResponse response) {
        fork.provisional = response;
        fork.saw(response);
        if (fork.cancelWanted && !fork.cancelSent) {
            sendCancel(fork);
            return;
        }
        if (state != State.RINGING || fork.step != step || response.status() == 100) {
            return;
        }
        SipResponse.Builder out = invite.response(response.status(), response.reason()).contact(ourContactTowardA());
        Optional<SessionDescription> early = MediaLeg.parsed(response);
        early.ifPresent(sdp -> {
            mediaB.announced(sdp, relay, true);
            out.body(MediaLeg.SDP, mediaA.toward(sdp, relay));
        });
        invite.respond(out.build());
    }

    private void onFinal(Fork fork, SipResponse response, Throwable error) {
        fork.done = true;
        if (response != null) {
            fork.saw(response);
        }
        if (response != null && response.isSuccess()) {
            if (state == State.RINGING && !fork.cancelWanted) {
                answer(fork, response);
            } else {
                ackAndBye(fork, response);   // a second fork answered, or the call ended meanwhile
            }
            return;
        }
        if (fork.cancelWanted || state != State.RINGING || fork.step != step) {
            return;
        }
        if (failedOver(fork, response, error)) {
            return;
        }
        fork.failure = response != null ? Failure.of(response, fork.toTrunk()) : Failure.of(error, fork.describe(), fork.toTrunk());
        LOG.debug("call {}: {} failed: {} {}", id(), fork.describe(), fork.failure.status(), fork.failure.reason());
        List<Fork> current = currentForks();
        if (fork.failure.isGlobal()) {
            current.forEach(this::cancel);   // §16.7 step 5: a 6xx ends the search
        }
        if (fork.failure.isGlobal() || current.stream().allMatch(f -> f.done)) {
            stepFailed(Failure.best(current.stream().map(f -> f.failure).filter(Objects::nonNull).toList()));
        }
    }

    private void onStepTimeout(int index) {
        if (state != State.RINGING || step != index) {
            return;
        }
        currentForks().forEach(this::cancel);
        stepFailed(Failure.NO_ANSWER);
    }

    private void stepFailed(Failure failure) {
        cancelStepTimer();
        RingPlan.Step s = plan.steps().get(step);
        boolean more = step + 1 < plan.steps().size();
        boolean onward = s.failover() == RingPlan.Failover.ON_ANY_FAILURE || failure.unavailable();
        if (more && !failure.isGlobal() && onward) {
            LOG.debug("call {}: {} failed ({}), trying the next", id(), s.description(), failure.status());
            startStep(step + 1);
        } else {
            fail(failure);
        }
    }

    private void answer(Fork fork, SipResponse ok) {
        cancelStepTimer();
        currentForks().stream().filter(f -> f != fork).forEach(this::cancel);
        SipRequest sent = fork.asAnsweredBy(ok);
        Dialog toCallee;
        try {
            toCallee = Dialog.asUac(sent, ok);
        } catch (IllegalArgumentException e) {
            fail(new Failure(502, "Bad Gateway: " + e.getMessage(), false, true));
            return;
        }
        b = new CallSide(Leg.B, toCallee, fork.target, fork.credentials, mediaB, fork.describe());
        calleeSide = sideOf(fork.destination);
        mediaB.signalledFrom(fork.target.remote().getAddress(), relay);
        SipResponse.Builder answer = invite.response(200, "OK").contact(ourContactTowardA());
        MediaLeg.parsed(ok).ifPresent(sdp -> {
            mediaB.announced(sdp, relay, true);
            answer.body(MediaLeg.SDP, mediaA.toward(sdp, relay));
        });
        SipResponse toCaller = answer.build();
        if (!invite.respond(toCaller)) {
            // The caller's CANCEL won the race: the stack has answered 487 already.
            ackAndBye(fork, ok);
            end(487, "cancelled by caller", Event.Hangup.CALLER);
            return;
        }
        a = new CallSide(Leg.A, Dialog.asUas(invite.request(), toCaller), invite.source().replyTarget(), Optional.empty(),
                mediaA, "caller");
        answered = b2bua.services().clock().instant();
        state = State.ANSWERED;
        invite.acknowledged().whenComplete((ack, error) -> b2bua.run(() -> onCallerAck(sent, ack, error)));
    }

    /** The caller's ACK releases the callee's: it may carry the answer to a late offer (§13.2.1). */
    private void onCallerAck(SipRequest sentInvite, SipRequest ack, Throwable error) {
        SipRequest.Builder toCallee = b.dialog().ack(sentInvite).toBuilder();
        if (ack != null) {
            MediaLeg.parsed(ack).ifPresent(sdp -> {
                mediaA.announced(sdp, relay, false);
                toCallee.body(MediaLeg.SDP, mediaB.toward(sdp, relay));
            });
        }
        stack.sendAck(toCallee.build(), b.target());
        if (state != State.ANSWERED) {
            return;
        }
        if (error != null) {
            // §13.3.1.4: no ACK for our 2xx means the session is over.
            bye(a);
            bye(b);
            end(200, "no ACK from caller", Event.Hangup.GATEWAY);
            return;
        }
        state = State.CONFIRMED;
    }

    private void ackAndBye(Fork fork, SipResponse ok) {
        try {
            SipRequest sent = fork.asAnsweredBy(ok);
            Dialog d = Dialog.asUac(sent, ok);
            stack.sendAck(d.ack(sent), fork.target);
            bye(new CallSide(Leg.B, d, fork.target, fork.credentials, mediaB, fork.describe()));
        } catch (IllegalArgumentException e) {
            LOG.warn("call {}: cannot end the extra answer from {}: {}", id(), fork.describe(), e.getMessage());
        }
    }

    private void cancel(Fork fork) {
        if (fork.done || fork.cancelWanted) {
            return;
        }
        fork.cancelWanted = true;
        if (fork.provisional != null) {
            sendCancel(fork);
        }
    }

    /** §9.1: the CANCEL matches the INVITE as last sent (branch and CSeq from its provisional response). */
    private void sendCancel(Fork fork) {
        fork.cancelSent = true;
        SipRequest cancel = CancelRequest.of(fork.asAnsweredBy(fork.provisional));
        stack.request(cancel, fork.target).exceptionally(e -> {
            LOG.debug("call {}: CANCEL to {} failed: {}", id(), fork.describe(), e.toString());
            return null;
        });
    }

    // ---- in the dialogs -----------------------------------------------------------------

    void onInDialog(ServerRequest request) {
        String method = request.method();
        if (method.equals("ACK")) {
            return;     // the A leg's ACKs arrive through ServerRequest.acknowledged()
        }
        if (method.equals("CANCEL")) {
            if (CancelMatch.matches(invite.request(), request.request())) {
                onCallerCancel();
            } else {
                // The stack answered it 481 (it matches no INVITE transaction); the call rings on. Debug
                // only: anyone who learnt a Call-ID can send these as fast as they like.
                LOG.debug("call {}: CANCEL from {} does not match the INVITE (RFC 3261 §9.2); ignored", id(),
                        request.source().remote());
            }
            return;
        }
        Optional<CallSide> from = sideOf(request);
        if (from.isEmpty()) {
            request.respond(method.equals("BYE") ? 200 : 481, method.equals("BYE") ? "OK" : "Call/Transaction Does Not Exist");
            return;
        }
        CallSide to = from.get() == a ? b : a;
        if (method.equals("BYE")) {
            onBye(request, from.get());
        } else if (method.equals("REFER") && towardProvider(to)) {
            refuseTransfer(request);
        } else {
            pass(request, from.get(), to);
        }
    }

    private boolean towardProvider(CallSide side) {
        return side == a ? caller instanceof Caller.Trunk : side.isTrunk();
    }

    /**
     * A REFER passed to the provider would have the provider place a call to its Refer-To
     * (RFC 3515), a number the dial plan never saw: a phone could reach any destination it is
     * not allowed to dial, billed to the site's trunk. The gateway does not carry out transfers
     * itself, so it refuses: 403, because this is a policy on this dialog (a REFER between two
     * phones passes, since the referred phone's INVITE comes back through authentication and
     * the dial plan), not a method the gateway does not know (405/501).
     */
    private void refuseTransfer(ServerRequest request) {
        // The Refer-To is the phone's text: not echoed into the log.
        LOG.info("call {}: REFER toward the provider refused", id());
        request.respond(request.response(403, "Forbidden")
                .header("Warning", "399 " + localHost(request.source().transport())
                        + " \"transfers through the provider are refused: the dial plan cannot check them\"").build());
    }

    private Optional<CallSide> sideOf(ServerRequest request) {
        if (state == State.ENDED || a == null || b == null) {
            return Optional.empty();
        }
        String callId = request.request().callId();
        String fromTag = request.request().from().tag().orElse("");
        if (callId.equals(a.dialog().callId()) && fromTag.equals(a.dialog().remoteTag())) {
            return Optional.of(a);
        }
        if (callId.equals(b.dialog().callId()) && fromTag.equals(b.dialog().remoteTag())) {
            return Optional.of(b);
        }
        return Optional.empty();
    }

    private void onCallerCancel() {
        if (state != State.RINGING) {
            return;     // answered already: the caller will BYE
        }
        forks.forEach(this::cancel);
        invite.respond(487, "Request Terminated");  // the stack's 487 normally went first; then this sends nothing
        end(487, "cancelled by caller", Event.Hangup.CALLER);
    }

    private void onBye(ServerRequest request, CallSide from) {
        request.respond(200, "OK");
        bye(from == a ? b : a);
        end(200, from == a ? "caller hung up" : "callee hung up", from == a ? Event.Hangup.CALLER : Event.Hangup.CALLEE);
    }

    private void bye(CallSide side) {
        side.send(stack, side.dialog().bye()).exceptionally(e -> {
            LOG.debug("call {}: BYE to {} failed: {}", id(), side.description(), e.toString());
            return null;
        });
    }

    /**
     * A request inside the call (re-INVITE for hold/resume, UPDATE, INFO, OPTIONS…) relayed to
     * the other leg as a request of that dialog, its SDP anchored, and the answer relayed back.
     */
    private void pass(ServerRequest request, CallSide from, CallSide to) {
        SipRequest in = request.request();
        SipRequest.Builder out = to.dialog().request(in.method()).toBuilder();
        for (String name : PASSED_HEADERS) {
            in.headers().values(name).forEach(value -> out.header(name, value));
        }
        Optional<SdpResult> sdp = MediaLeg.sdpOf(in);
        Optional<String> unusable = sdp.flatMap(r -> r instanceof SdpResult.Parsed p
                ? MediaLeg.unusableAddress(p.sdp()) : Optional.empty());
        if (unusable.isPresent()) {
            request.respond(request.response(488, "Not Acceptable Here").header("Warning", "399 "
                    + localHost(request.source().transport()) + " \""
                    + unusable.get().replace("\\", "\\\\").replace("\"", "\\\"") + "\"").build());
            return;
        }
        if (sdp.isPresent() && sdp.get() instanceof SdpResult.Parsed p) {
            from.media().announced(p.sdp(), relay, false);
            out.body(MediaLeg.SDP, to.media().toward(p.sdp(), relay));
        } else if (sdp.isPresent()) {
            request.respond(488, "Not Acceptable Here");
            return;
        } else if (in.body().length > 0) {
            out.body(in.contentType().orElse("application/octet-stream"), in.body());
        }
        if (in.isMethod("INVITE") && !in.contacts().isEmpty()) {
            from.dialog().refreshRemoteTarget(in);
        }
        SipRequest sent = out.build();
        to.send(stack, sent).whenComplete((response, error) -> b2bua.run(() -> passBack(request, from, to, sent, response, error)));
    }

    private void passBack(ServerRequest request, CallSide from, CallSide to, SipRequest sent, SipResponse response,
                          Throwable error) {
        boolean invite = sent.isMethod("INVITE");
        if (error != null) {
            Failure f = Failure.of(error, to.description(), to.isTrunk());
            request.respond(f.status() == 480 ? 408 : f.status(), f.reason());
            return;
        }
        if (invite && response.isSuccess()) {
            SipRequest asSent = sent.toBuilder().cseq(response.cseq()).build();
            stack.sendAck(to.dialog().ack(asSent), to.target());
            if (!response.contacts().isEmpty()) {
                to.dialog().refreshRemoteTarget(response);
            }
        }
        boolean challenged = response.status() == 401 || response.status() == 407;
        SipResponse.Builder back = challenged ? request.response(500, "Server Internal Error: credentials refused")
                : request.response(response.status(), response.reason());
        if (invite && response.isSuccess()) {
            back.contact(from == a ? ourContactTowardA() : Contact.of(NameAddress.of(
                    localUri("lifeline", from.target()))));
        }
        Optional<SessionDescription> answer = MediaLeg.parsed(response);
        if (answer.isPresent()) {
            to.media().announced(answer.get(), relay, true);
            back.body(MediaLeg.SDP, from.media().toward(answer.get(), relay));
        } else if (response.body().length > 0) {
            back.body(response.contentType().orElse("application/octet-stream"), response.body());
        }
        request.respond(back.build());
    }

    /** Our Contact toward the caller: on the address its INVITE reached (a phone's LAN, a provider's WAN path). */
    private Contact ourContactTowardA() {
        String user = contactUser(routing.dialled());
        Transport transport = invite.source().transport();
        InetAddress local = invite.source().local().getAddress();
        boolean own = stack.listenPoints().stream()
                .anyMatch(p -> p.transport() == transport && p.address().getAddress().equals(local));
        return Contact.of(NameAddress.of(own ? stack.localUri(user, transport, local) : stack.localUri(user, transport)));
    }

    // ---- moving to another WAN path -----------------------------------------------------

    /**
     * Moves this call's side toward {@code trunk}'s provider to another path: the relay leg to
     * {@code media}, in-dialog requests to {@code next}, and a re-INVITE offering the new
     * address (with a Contact on the new path) so the provider sends its audio there. Ringing
     * calls are left alone: their INVITE's fate is the transaction's.
     */
    void moveTrunkSide(String trunk, Target next, InetAddress media, Instant since) {
        Optional<CallSide> side = trunkSide(trunk);
        if (side.isEmpty()) {
            return;
        }
        relay.moveLeg(side.get().leg(), media);
        side.get().media().signalledFrom(next.remote().getAddress(), relay);   // the provider's media now comes over that path
        reinviteTrunkSide(side.get(), next, Optional.of(since));
    }

    /** Hangs up this call when it is an answered one with {@code trunk}'s provider. */
    void endTrunkSide(String trunk, String why) {
        if (trunkSide(trunk).isPresent()) {
            bye(a);
            bye(b);
            end(200, why, Event.Hangup.GATEWAY);
        }
    }

    /** A re-INVITE to the trunk side as it is: the provider's dialog learns where we are now. */
    void refreshTrunkSide(String trunk, String why) {
        trunkSide(trunk).ifPresent(side -> {
            LOG.info("call {}: re-INVITE to trunk {} so that its dialog follows us ({})", id(), trunk, why);
            reinviteTrunkSide(side, side.target(), Optional.empty());
        });
    }

    /** The provider side's media and the other side's, when this is an answered call with a provider. */
    Optional<TrunkCallMedia> trunkMedia() {
        if ((state != State.CONFIRMED && state != State.ANSWERED) || a == null || b == null || relay == null) {
            return Optional.empty();
        }
        CallSide side = caller instanceof Caller.Trunk ? a : b.isTrunk() ? b : null;
        if (side == null) {
            return Optional.empty();
        }
        Leg provider = side.leg();
        Leg phone = provider == Leg.A ? Leg.B : Leg.A;
        Optional<Instant> sending = side.media().sendingSince(b2bua.services().clock().instant());
        return Optional.of(new TrunkCallMedia(relay.local(provider).rtp().getAddress(),
                TrunkCallMedia.heardSince(relay.activity(provider), sending), relay.activity(phone), sending.isPresent()));
    }

    /** The answered call's side toward {@code trunk}'s provider, if it has one. */
    private Optional<CallSide> trunkSide(String trunk) {
        if ((state != State.CONFIRMED && state != State.ANSWERED) || a == null || b == null) {
            return Optional.empty();
        }
        if (caller instanceof Caller.Trunk t && t.name().equals(trunk)) {
            return Optional.of(a);
        }
        return b.description().equals("trunk " + trunk) ? Optional.of(b) : Optional.empty();
    }

    /**
     * Re-INVITEs the trunk side at {@code next} with the relay's current address for it; with
     * {@code since} (a path move), reports a CallMediaMoved event timed from it.
     */
    private void reinviteTrunkSide(CallSide side, Target next, Optional<Instant> since) {
        CallSide other = side == a ? b : a;
        Optional<SessionDescription> otherSdp = other.media().lastAnnounced();
        CallSide moved = side.withTarget(next);
        if (side == a) {
            a = moved;
        } else {
            b = moved;
        }
        SipRequest.Builder reinvite = moved.dialog().request("INVITE").toBuilder()
                .contact(Contact.of(NameAddress.of(localUri("lifeline", next))));
        otherSdp.ifPresent(sdp -> reinvite.body(MediaLeg.SDP, moved.media().toward(sdp, relay)));
        SipRequest sent = reinvite.build();
        String path = next.source().map(InetAddress::getHostAddress).orElse("");
        moved.send(stack, sent).whenComplete((response, error) -> b2bua.run(() -> {
            int status = response == null ? 0 : response.status();
            if (response != null && response.isSuccess() && state != State.ENDED) {
                SipRequest asSent = sent.toBuilder().cseq(response.cseq()).build();
                stack.sendAck(moved.dialog().ack(asSent), moved.target());
                if (!response.contacts().isEmpty()) {
                    moved.dialog().refreshRemoteTarget(response);
                }
                MediaLeg.parsed(response).ifPresent(sdp -> moved.media().announced(sdp, relay, true));
            } else {
                LOG.warn("call {}: re-INVITE to {} over {} got {}", id(), since.isPresent() ? "move media" : "refresh",
                        path, response != null ? response.status() + " " + response.reason() : String.valueOf(error));
            }
            since.ifPresent(from -> {
                Instant now = b2bua.services().clock().instant();
                b2bua.services().events().accept(new Event.CallMediaMoved(now, id(), path, status,
                        java.time.Duration.between(from, now)));
            });
        }));
    }

    /** Our URI over the target's transport, on the path the target is sent from when it names one. */
    private SipUri localUri(String user, Target target) {
        return target.source().isPresent()
                ? stack.localUri(user, target.transport(), target.source().get())
                : stack.localUri(user, target.transport());
    }

    // ---- ending -------------------------------------------------------------------------

    /** Answers the caller with the failure (a Warning says why when the gateway decided) and ends the call. */
    private void fail(Failure failure) {
        SipResponse.Builder response = invite.response(failure.status(), failure.reason());
        if (failure.generated()) {
            // RFC 3261 §20.43: 399 is the miscellaneous warning; the text is for the phone's log.
            response.header("Warning", "399 " + localHost(invite.source().transport()) + " \""
                    + failure.reason().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        invite.respond(response.build());
        Event.Hangup by = failure.generated() || failure == Failure.NO_ANSWER ? Event.Hangup.GATEWAY : Event.Hangup.CALLEE;
        end(failure.status(), failure.reason(), by);
    }

    /** Ends the gateway's part of the call: once, with one record and one CallEnded. */
    private void end(int status, String cause, Event.Hangup by) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        cancelStepTimer();
        forks.forEach(this::cancel);
        if (relay != null) {
            relay.close();  // reports each leg's final quality before it returns
        }
        Instant now = b2bua.services().clock().instant();
        CallRecord record = new CallRecord(id(), from(), routing.dialled(), decision.describe(), started,
                Optional.ofNullable(answered), now, status, cause, by, quality(Leg.A), quality(Leg.B));
        b2bua.services().events().accept(record.toEvent(side(Leg.A), side(Leg.B)));
        b2bua.services().records().save(record).exceptionally(e -> {
            LOG.warn("call record {} not stored: {}", id(), e.toString());
            return null;
        });
        b2bua.forget(this, forks);
    }

    private StreamQuality quality(Leg leg) {
        LegQuality q = finalQuality.get(leg);
        return q == null ? StreamQuality.NONE : StreamQuality.of(q);
    }

    /** The gateway is stopping: hang up answered calls, refuse ringing ones. */
    void shutdown() {
        if (state == State.RINGING) {
            fail(new Failure(503, "Service Unavailable: gateway shutting down", false, true));
        } else if (state != State.ENDED) {
            bye(a);
            bye(b);
            end(200, "gateway shutting down", Event.Hangup.GATEWAY);
        }
    }

    private List<Fork> currentForks() {
        return forks.stream().filter(f -> f.step == step).toList();
    }

    private void cancelStepTimer() {
        if (stepTimer != null) {
            stepTimer.cancel(false);
            stepTimer = null;
        }
    }
}
