package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's SIP provider / cloud PBX: several {@link ProviderTarget}s, each its own SIP stack on
 * its own loopback address, sharing one trunk registrar, one call table and one observation log.
 *
 * <p>What it does: digest-authenticated trunk registration (401 then 200) keeping the trunk's
 * binding and the address it came from; OPTIONS 200; INVITEs from the site answered with PCMU
 * SDP and RTP (echo or test signal), re-INVITE moving the media at once, BYE and CANCEL; calls
 * placed to the site's DIDs with caller IDs in several formats; per-target faults at runtime;
 * a probe reflector per target. Every step is a {@link ProviderObservation}, with its time from
 * the injected clock.
 *
 * <pre>{@code
 * ProviderConfig config = ProviderConfig.of("provider.test", "site1", "secret",
 *         List.of(TargetSpec.udp("sip1", "127.0.0.41"), TargetSpec.udp("sip2", "127.0.0.42")));
 * try (LabProvider provider = LabProvider.start(config, Clock.systemUTC())) {
 *     provider.target("sip1").setFault(ProviderFault.serviceUnavailable(Duration.ofSeconds(30)));
 *     provider.placeCall(InboundCall.to("5550100", CallerId.e164("+15550123")));
 * }
 * }</pre>
 */
public final class LabProvider implements AutoCloseable {

    private volatile MediaAdvertiser advertiser = MediaAdvertiser.DIRECT;

    private static final Logger LOG = LoggerFactory.getLogger(LabProvider.class);
    /** Observations kept for reading back; a drill makes far fewer. Listeners see every one regardless. */
    static final int MAX_OBSERVATIONS = 200_000;
    private static final int DEFAULT_EXPIRES = 3600;
    private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER";

    private final ProviderConfig config;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final HmacNonceAuthenticator authenticator;
    private final Map<String, ProviderTarget> targets = new LinkedHashMap<>();
    private final Map<String, TrunkBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, ProviderCall> calls = new ConcurrentHashMap<>();
    private final Map<String, CallAnswer> answers = new ConcurrentHashMap<>();
    private final List<ProviderObservation> observations = new ArrayList<>();
    private final List<ProviderListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;
    private volatile CallAnswer defaultAnswer = CallAnswer.answer();

    private LabProvider(ProviderConfig config, InstantSource clock, RandomGenerator random) {
        this.config = config;
        this.clock = clock;
        this.random = random;
        this.authenticator = new HmacNonceAuthenticator(DigestSettings.of(config.domain(), config.nonceSecret()), clock,
                new SplittableRandom(random.nextLong()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-provider-media").factory());
    }

    /** Starts every target of {@code config}; times come from {@code clock}. */
    public static LabProvider start(ProviderConfig config, InstantSource clock) throws TransportException, SocketException {
        return start(config, clock, new SplittableRandom());
    }

    /** As {@link #start(ProviderConfig, InstantSource)} with a given random source (tags, SSRCs, nonces). */
    public static LabProvider start(ProviderConfig config, InstantSource clock, RandomGenerator random)
            throws TransportException, SocketException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        LabProvider provider = new LabProvider(config, clock, random);
        try {
            for (TargetSpec spec : config.targets()) {
                ProviderTarget target = new ProviderTarget(provider, spec);
                target.open();
                provider.targets.put(spec.name(), target);
            }
        } catch (TransportException | SocketException | RuntimeException e) {
            provider.close();
            throw e;
        }
        return provider;
    }

    /** From now on, SDP of new answers and offers carries {@code value}'s address (see {@link MediaAdvertiser}). */
    public void advertiseMediaWith(MediaAdvertiser value) {
        advertiser = java.util.Objects.requireNonNull(value, "value");
    }

    public ProviderConfig config() {
        return config;
    }

    public List<ProviderTarget> targets() {
        return List.copyOf(targets.values());
    }

    /** The target called {@code name}; fails naming the known ones. */
    public ProviderTarget target(String name) {
        ProviderTarget target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no provider target " + name + " (known: " + targets.keySet() + ")");
        }
        return target;
    }

    public void setFault(String target, ProviderFault fault) {
        target(target).setFault(fault);
    }

    /** How INVITEs to {@code number} are answered (default: {@link CallAnswer#answer()}). */
    public void setCallAnswer(String number, CallAnswer answer) {
        answers.put(number, Objects.requireNonNull(answer, "answer"));
    }

    public void setDefaultCallAnswer(CallAnswer answer) {
        defaultAnswer = Objects.requireNonNull(answer, "answer");
    }

    // ---- what was seen ----------------------------------------------------------------------

    public void addListener(ProviderListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ProviderListener listener) {
        listeners.remove(listener);
    }

    /** Every observation so far (up to {@value #MAX_OBSERVATIONS}), oldest first. */
    public List<ProviderObservation> observations() {
        synchronized (observations) {
            return List.copyOf(observations);
        }
    }

    /** The observations of one kind, oldest first. */
    public <T extends ProviderObservation> List<T> observations(Class<T> kind) {
        return observations().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The live binding refreshed last: where inbound calls go. */
    public Optional<TrunkBinding> binding() {
        return bindings().stream().max(Comparator.comparing(TrunkBinding::registeredAt));
    }

    /** Every live trunk binding. */
    public List<TrunkBinding> bindings() {
        Instant now = now();
        return bindings.values().stream().filter(b -> b.liveAt(now)).toList();
    }

    public List<ProviderCall> calls() {
        return calls.values().stream().sorted(Comparator.comparing(ProviderCall::started)).toList();
    }

    public Optional<ProviderCall> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    Instant now() {
        return clock.instant();
    }

    void observe(ProviderObservation observation) {
        synchronized (observations) {
            if (observations.size() < MAX_OBSERVATIONS) {
                observations.add(observation);
            }
        }
        for (ProviderListener listener : listeners) {
            try {
                listener.observed(observation);
            } catch (RuntimeException e) {
                LOG.warn("lab provider listener {} failed on {}: {}", listener, observation, e.toString());
            }
        }
    }

    // ---- requests from the site -------------------------------------------------------------
    // Each observation is recorded just before the response goes out, so that when the site has
    // its answer the log already holds it (and its time is the response's, within microseconds).

    void handle(ProviderTarget target, ServerRequest request) {
        switch (request.method()) {
            case "REGISTER" -> register(target, request);
            case "OPTIONS" -> {
                observe(new ProviderObservation.OptionsAnswered(now(), target.name(), request.source().remote()));
                request.respond(request.response(200, "OK").header("Allow", ALLOW).header("Accept", "application/sdp").build());
            }
            case "INVITE" -> {
                if (request.request().to().tag().isPresent()) {
                    reInvite(target, request);
                } else {
                    invite(target, request);
                }
            }
            case "ACK" -> ack(request);
            case "BYE" -> bye(target, request);
            case "CANCEL" -> call(request.request().callId()).filter(c -> c.state() == ProviderCall.State.SETUP)
                    .ifPresent(c -> c.end("cancelled by site"));
            default -> request.respond(request.response(405, "Method Not Allowed").header("Allow", ALLOW).build());
        }
    }

    private void register(ProviderTarget target, ServerRequest request) {
        SipRequest register = request.request();
        Verdict verdict = verify(register, "REGISTER");
        switch (verdict) {
            case Verdict.Accepted accepted -> acceptRegister(target, request);
            case Verdict.Stale stale -> challenge(target, request, true, "stale nonce");
            case Verdict.Rejected rejected -> challenge(target, request, false, rejected.reason());
        }
    }

    private Verdict verify(SipRequest request, String method) {
        List<AuthHeader> credentials = method.equals("REGISTER") ? request.authorization() : request.proxyAuthorization();
        Optional<AuthHeader> ours = credentials.stream()
                .filter(h -> h.param("realm").filter(config.domain()::equals).isPresent()).findFirst();
        if (ours.isEmpty()) {
            return new Verdict.Rejected(credentials.isEmpty() ? "no credentials" : "no credentials for realm " + config.domain());
        }
        return authenticator.verify(method, request.requestUri().toString(), request.body(), ours.get(),
                user -> user.equals(config.trunkUser()) ? Optional.of(Credential.password(config.trunkPassword())) : Optional.empty());
    }

    private void challenge(ProviderTarget target, ServerRequest request, boolean stale, String reason) {
        boolean register = request.method().equals("REGISTER");
        SipResponse.Builder challenge = register ? request.response(401, "Unauthorized")
                : request.response(407, "Proxy Authentication Required");
        String header = register ? HeaderNames.WWW_AUTHENTICATE : HeaderNames.PROXY_AUTHENTICATE;
        authenticator.challenge(stale).forEach(h -> challenge.header(header, h.toString()));
        if (register) {
            observe(new ProviderObservation.RegisterChallenged(now(), target.name(), request.source().transport(),
                    request.source().remote(), request.request().callId(), reason));
        }
        request.respond(challenge.build());
    }

    private void acceptRegister(ProviderTarget target, ServerRequest request) {
        SipRequest register = request.request();
        Instant now = now();
        String aor = register.to().uri().toString();
        int headerExpires = register.expires().orElse(DEFAULT_EXPIRES);
        List<String> changed = new ArrayList<>();
        int granted = 0;
        for (Contact contact : register.contacts()) {
            if (contact.wildcard()) {
                if (headerExpires != 0) {
                    request.respond(400, "Contact * needs Expires: 0");
                    return;
                }
                bindings.values().removeIf(b -> b.aor().equals(aor));
                continue;
            }
            granted = Math.min(contact.expires().orElse(headerExpires), config.maxExpires());
            String key = contact.uri().toString();
            if (granted == 0) {
                bindings.remove(key);
            } else {
                bindings.put(key, new TrunkBinding(aor, Contact.of(contact.address()), request.source().transport(),
                        request.source().remote(), target.name(), register.callId(), now, now.plusSeconds(granted)));
            }
            changed.add(key);
        }
        SipResponse.Builder ok = request.response(200, "OK");
        for (TrunkBinding b : bindings()) {
            if (b.aor().equals(aor)) {
                long left = Math.max(1, java.time.Duration.between(now, b.expiresAt()).toSeconds());
                ok.contact(b.contact().withExpires((int) left));
            }
        }
        observe(new ProviderObservation.RegisterAccepted(now(), target.name(), request.source().transport(),
                request.source().remote(), register.callId(), changed, granted));
        request.respond(ok.build());
    }

    private void invite(ProviderTarget target, ServerRequest request) {
        SipRequest invite = request.request();
        String number = calledNumber(invite);
        observe(new ProviderObservation.InviteReceived(now(), target.name(), request.source().remote(), invite.callId(), number));
        if (invite.contacts().stream().noneMatch(c -> !c.wildcard())) {
            request.respond(400, "Missing Contact");      // no remote target: no dialog could follow
            return;
        }
        if (config.challengeInvites()) {
            Verdict verdict = verify(invite, "INVITE");
            if (!(verdict instanceof Verdict.Accepted)) {
                challenge(target, request, verdict instanceof Verdict.Stale, "");
                return;
            }
        }
        CallAnswer answer = answers.getOrDefault(number, defaultAnswer);
        if (answer instanceof CallAnswer.Reject reject) {
            request.respond(reject.status(), reject.reason());
            return;
        }
        Optional<InetSocketAddress> remote = Optional.empty();
        Optional<Sdp.Remote> offered = Optional.empty();
        if (invite.body().length > 0) {
            Sdp.Remote offer = Sdp.read(invite.body());
            if (offer.problem().isPresent()) {
                request.respond(request.response(488, "Not Acceptable Here")
                        .header("Warning", "399 lab-provider \"" + offer.problem().get().replace('"', '\'') + "\"").build());
                return;
            }
            remote = offer.rtp();
            offered = Optional.of(offer);
        }
        MediaMode mode = answer instanceof CallAnswer.Answer a ? a.media().orElse(config.mediaMode()) : config.mediaMode();
        CallMedia media;
        try {
            media = CallMedia.open(target.spec().address(), mode, config.addressing(), clock, config.gapThreshold(), scheduler,
                    new SplittableRandom(nextLong()));
        } catch (SocketException e) {
            request.respond(500, "No Media Port");
            LOG.warn("lab provider target {}: no RTP socket for call {}: {}", target.name(), invite.callId(), e.getMessage());
            return;
        }
        ProviderCall call = new ProviderCall(this, target, invite.callId(), ProviderCall.Direction.FROM_SITE, number,
                Optional.empty(), now(), media);
        calls.put(call.callId(), call);
        request.respond(180, "Ringing");
        if (answer instanceof CallAnswer.Ring) {
            return;
        }
        SipStack stack = target.stack();
        SipResponse ok = request.response(200, "OK")
                .contact(Contact.of(NameAddress.of(stack.localUri("provider", request.source().transport()))))
                .body("application/sdp", offered.isPresent()
                        ? Sdp.answer(advertiser.advertise(request.source().remote(), media.local()),
                                Math.abs(call.callId().hashCode()), 1, offered.get())
                        : Sdp.describe(advertiser.advertise(request.source().remote(), media.local()),
                                Math.abs(call.callId().hashCode())))
                .build();
        offered.ifPresent(o -> media.hold(o.holds()));
        // Answered before the 200 goes out: once the site has it, the provider's state says so.
        call.answered(Dialog.asUas(invite, ok), request.source().replyTarget(), remote, ok);
        if (!request.respond(ok)) {
            call.end("cancelled by site");        // the CANCEL's 487 went out first
            return;
        }
        observe(new ProviderObservation.CallAnswered(now(), target.name(), call.callId(), number,
                media.sendingTo().orElse(null)));
    }

    private void reInvite(ProviderTarget target, ServerRequest request) {
        SipRequest reInvite = request.request();
        Optional<ProviderCall> found = call(reInvite.callId()).filter(c -> c.state() == ProviderCall.State.ANSWERED);
        if (found.isEmpty()) {
            request.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        ProviderCall call = found.get();
        CallMedia media = call.mediaSession();
        Optional<InetSocketAddress> before = media.sdpTarget();
        Optional<InetSocketAddress> after = before;
        Optional<Sdp.Remote> offered = Optional.empty();
        if (reInvite.body().length > 0) {
            Sdp.Remote offer = Sdp.read(reInvite.body());
            if (offer.problem().isPresent()) {
                request.respond(488, "Not Acceptable Here");
                return;
            }
            after = offer.rtp();
            offered = Optional.of(offer);
        }
        SipStack stack = target.stack();
        InetSocketAddress advertised = advertiser.advertise(request.source().remote(), media.local());
        long version = call.nextSdpVersion();
        SipResponse ok = request.response(200, "OK")
                .contact(Contact.of(NameAddress.of(stack.localUri("provider", request.source().transport()))))
                .body("application/sdp", offered.isPresent()
                        ? Sdp.answer(advertised, Math.abs(call.callId().hashCode()), version, offered.get())
                        : Sdp.describe(advertised, Math.abs(call.callId().hashCode())))
                .build();
        // Media moves before the 200 goes out: the site may start sending on the new path at once.
        // A hold (sendonly, inactive; RFC 3264 §8.4) stops the provider's sending, a resume restarts it.
        after.ifPresent(media::remote);
        offered.ifPresent(o -> media.hold(o.holds()));
        call.dialog().ifPresent(d -> d.refreshRemoteTarget(reInvite));
        call.movedSignalling(target, request.source().replyTarget());
        observe(new ProviderObservation.MediaMoved(now(), target.name(), request.source().remote(), call.callId(),
                before.orElse(null), after.orElse(null)));
        request.respond(ok);
    }

    private void ack(ServerRequest request) {
        SipRequest ack = request.request();
        if (ack.body().length == 0) {
            return;
        }
        // A late offer: our 200 carried the offer, the ACK the answer (RFC 3264 §4 with RFC 3261 §13.2.1).
        call(ack.callId()).ifPresent(call -> Sdp.read(ack.body()).rtp().ifPresent(call.mediaSession()::remote));
    }

    private void bye(ProviderTarget target, ServerRequest request) {
        String callId = request.request().callId();
        Optional<ProviderCall> found = call(callId).filter(c -> c.state() == ProviderCall.State.ANSWERED);
        if (found.isEmpty()) {
            request.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        // Ended before the 200 goes out: once the site has its answer, the provider's state says so.
        observe(new ProviderObservation.ByeReceived(now(), target.name(), request.source().remote(), callId));
        found.get().end("bye from site");
        request.respond(200, "OK");
    }

    private static String calledNumber(SipRequest invite) {
        if (invite.requestUri() instanceof SipUri uri && uri.user() != null && !uri.user().isEmpty()) {
            return uri.user();
        }
        return invite.to().uri() instanceof SipUri to && to.user() != null ? to.user() : invite.requestUri().toString();
    }

    // ---- calls to the site ------------------------------------------------------------------

    /**
     * Places a call to the site: an INVITE with PCMU SDP to the trunk's registered binding (its
     * source address, as a provider reaches a site behind NAT) or to the call's destination.
     * Returns at once; {@link ProviderCall#answer()} completes with the site's final answer.
     *
     * @throws IllegalStateException when no trunk is registered and no destination was given, or
     *                               the sending target is dropped
     */
    public ProviderCall placeCall(InboundCall spec) {
        Optional<TrunkBinding> binding = spec.destination().isPresent() ? Optional.empty() : binding();
        if (spec.destination().isEmpty() && binding.isEmpty()) {
            throw new IllegalStateException("cannot call " + spec.did() + ": the site trunk is not registered"
                    + " (register it first, or give the call a destination)");
        }
        ProviderTarget via = target(spec.viaTarget().or(() -> binding.map(TrunkBinding::target))
                .orElse(targets.keySet().iterator().next()));
        SipStack stack = via.stack();
        Transport transport = binding.map(TrunkBinding::transport).orElse(Transport.UDP);
        InetSocketAddress destination = spec.destination().or(() -> binding.map(TrunkBinding::source)).orElseThrow();
        SipUri requestUri = binding.map(b -> requestUri(b, spec))
                .orElseGet(() -> SipUri.of(spec.did(), destination.getAddress().getHostAddress(), destination.getPort()));
        Target target = Target.of(transport, destination);
        CallMedia media;
        try {
            media = CallMedia.open(via.spec().address(), spec.media().orElse(config.mediaMode()), config.addressing(), clock,
                    config.gapThreshold(), scheduler, new SplittableRandom(nextLong()));
        } catch (SocketException e) {
            throw new IllegalStateException("no RTP socket on provider target " + via.name() + ": " + e.getMessage(), e);
        }
        SipRequest.Builder builder = SipRequest.builder("INVITE", requestUri)
                .from(spec.callerId().fromAddress(config.domain()).withTag(stack.tokens().tag()))
                .to(NameAddress.of(SipUri.of(spec.did(), config.domain(), -1)))
                .callId(stack.tokens().callId(via.spec().address().getHostAddress()))
                .cseq(new CSeq(1, "INVITE"))
                .contact(Contact.of(NameAddress.of(stack.localUri("provider", transport))))
                .maxForwards(70)
                .body("application/sdp", Sdp.describe(advertiser.advertise(destination, media.local()),
                        Math.abs(nextLong() % 1_000_000_000L)));
        if (spec.callerId().format() == CallerId.Format.ANONYMOUS) {
            builder.header("Privacy", "id");
        }
        SipRequest invite = stack.prepare(builder.build(), target);
        ProviderCall call = new ProviderCall(this, via, invite.callId(), ProviderCall.Direction.TO_SITE, spec.did(),
                Optional.of(spec.callerId()), now(), media);
        calls.put(call.callId(), call);
        observe(new ProviderObservation.InboundCallPlaced(now(), via.name(), call.callId(), spec.did(),
                spec.callerId().display(), destination));
        stack.request(invite, target).whenComplete((response, failure) -> inboundAnswered(via, call, invite, target, response, failure));
        return call;
    }

    private static SipUri requestUri(TrunkBinding binding, InboundCall spec) {
        if (!(binding.contact().uri() instanceof SipUri contact)) {
            throw new IllegalStateException("the trunk registered a non-SIP Contact " + binding.contact().uri()
                    + ": give the inbound call a destination");
        }
        return spec.contactAsRequestUri() ? contact : contact.withUser(spec.did());
    }

    private void inboundAnswered(ProviderTarget via, ProviderCall call, SipRequest invite, Target target,
                                 SipResponse response, Throwable failure) {
        if (failure != null) {
            observe(new ProviderObservation.InboundCallAnswered(now(), via.name(), call.callId(), 0, failure.toString()));
            call.failed("no answer: " + failure.getMessage(), Optional.empty(), failure);
            return;
        }
        observe(new ProviderObservation.InboundCallAnswered(now(), via.name(), call.callId(), response.status(),
                response.reason()));
        if (!response.isSuccess()) {
            call.failed("rejected " + response.status() + " " + response.reason(), Optional.of(response), null);
            return;
        }
        Dialog dialog = Dialog.asUac(invite, response);
        via.stack().sendAck(dialog.ack(invite), target);
        Optional<InetSocketAddress> remote = response.body().length > 0 ? Sdp.read(response.body()).rtp() : Optional.empty();
        if (call.state() != ProviderCall.State.SETUP) {
            return;                                   // the target was dropped meanwhile
        }
        call.answered(dialog, target, remote, response);
        observe(new ProviderObservation.CallAnswered(now(), via.name(), call.callId(), call.number(), remote.orElse(null)));
    }

    // ---- bookkeeping ------------------------------------------------------------------------

    void callEnded(ProviderCall call, String reason) {
        observe(new ProviderObservation.CallEnded(now(), call.target(), call.callId(), reason));
    }

    void targetDropped(ProviderTarget target) {
        calls.values().stream().filter(c -> c.owner() == target).forEach(c -> c.end("target " + target.name() + " dropped"));
    }

    private long nextLong() {
        synchronized (random) {
            return random.nextLong();
        }
    }

    /** Closes every target, call media and the media scheduler. */
    @Override
    public void close() {
        targets.values().forEach(ProviderTarget::shut);
        calls.values().forEach(c -> c.mediaSession().close());
        scheduler.shutdownNow();
    }
}
