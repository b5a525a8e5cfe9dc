package dev.lifeline.drill.lab.phone;

import dev.lifeline.drill.lab.phone.CallResult.Direction;
import dev.lifeline.drill.lab.phone.CallResult.EndedBy;
import dev.lifeline.media.jitter.PlayoutReport;
import dev.lifeline.media.quality.PlayoutQuality;
import dev.lifeline.media.quality.SpeechLikeSignal;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.CancelRequest;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipAuthenticationException;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportConfig;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated SIP phone for the drill lab: registers with digest authentication and keeps its
 * registration refreshed, places calls (INVITE with a G.711 offer, answering 401/407), answers
 * calls after a ring delay, sends a speech-like test signal as RTP every 20 ms and plays what
 * it receives through an adaptive jitter buffer, and reports each call as a {@link CallResult}
 * with the received audio rated by the E-model.
 *
 * <p>SIP runs on the phone's own {@link SipStack} (UDP on {@code bindHost}, port 0); all call
 * and media state lives on the shared {@link PhoneRuntime} thread, so SIP callbacks hop there.
 */
public final class LabPhone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabPhone.class);
    private static final Duration CODING_DELAY = Duration.ofMillis(20);
    private static final int HISTORY = 32;

    private final PhoneSettings settings;
    /** The LAN between this phone and the gateway, for its RTP; clean unless a drill impairs it. */
    private final LanSegment lan;
    private final PhoneRuntime runtime;
    private final RegistrationGate gate;
    private final SipStack stack;
    private final DigestClient account;
    private final SpeechLikeSignal.Law law = SpeechLikeSignal.Law.ULAW;
    private final String registerCallId;
    private final SplittableRandom random;
    private final Map<String, PhoneCall> calls = new ConcurrentHashMap<>();
    private final List<CallResult> results = new CopyOnWriteArrayList<>();
    private volatile Consumer<PhoneCall> incomingListener = call -> { };
    private long callCounter;

    // ---- registration, guarded by this ----
    private long registerCSeq;
    private Registration registration = Registration.NONE;
    private final Deque<Instant> registeredAt = new ArrayDeque<>();
    private ScheduledFuture<?> registrationTimer;
    private boolean closed;

    private LabPhone(PhoneSettings settings, PhoneRuntime runtime, RegistrationGate gate) throws TransportException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.gate = gate;
        this.random = new SplittableRandom(settings.seed());
        this.lan = new LanSegment(settings.seed() * 0x9E3779B97F4A7C15L + 1);
        this.account = DigestClient.withPassword(settings.extension(), settings.password(), random.split());
        ListenPoint point = ListenPoint.of(Transport.UDP, settings.bindHost(), 0);
        TransportConfig base = TransportConfig.of(List.of(point));
        // One I/O thread per phone: a fleet of hundreds on loopback needs no more.
        TransportConfig transport = new TransportConfig(base.listenPoints(), base.tls(), base.dscp(), base.idleTimeout(),
                base.connectTimeout(), base.limits(), 1, false);
        StackConfig config = StackConfig.of(List.of(point)).withTransport(transport).withTimers(settings.sipTimers());
        this.stack = SipStack.start(config, request -> runtime.execute(() -> onRequest(request)));
        this.registerCallId = stack.tokens().callId(settings.bindHost());
    }

    /** Starts a phone's SIP stack; it does not register until {@link #register()} is called. */
    public static LabPhone start(PhoneSettings settings, PhoneRuntime runtime) throws TransportException {
        return new LabPhone(settings, runtime, RegistrationGate.UNLIMITED);
    }

    static LabPhone start(PhoneSettings settings, PhoneRuntime runtime, RegistrationGate gate) throws TransportException {
        return new LabPhone(settings, runtime, gate);
    }

    public String extension() {
        return settings.extension();
    }

    public PhoneSettings settings() {
        return settings;
    }

    /** This phone's LAN segment toward the gateway: where a drill impairs the LAN side only. */
    public LanSegment lan() {
        return lan;
    }

    /** The phone's SIP address (UDP). */
    public InetSocketAddress sipAddress() {
        return stack.listenPoints().get(0).address();
    }

    /** The URI in the phone's Contact header. */
    public SipUri contactUri() {
        return stack.localUri(settings.extension(), Transport.UDP);
    }

    PhoneRuntime runtime() {
        return runtime;
    }

    /** Told about each incoming call as it starts ringing (on the runtime thread; do not block). */
    public void onIncomingCall(Consumer<PhoneCall> listener) {
        this.incomingListener = Objects.requireNonNull(listener, "listener");
    }

    /** Calls ringing or in progress. */
    public List<PhoneCall> activeCalls() {
        return List.copyOf(calls.values());
    }

    /** Results of the calls that ended, oldest first. */
    public List<CallResult> results() {
        return List.copyOf(results);
    }

    // ==== registration ============================================================================

    /**
     * Registers now (through the fleet's concurrency limit) and keeps the registration
     * refreshed: again at {@code refreshFraction} of the granted expiry, and after a failure
     * after {@code retryDelay} (randomised). Completes with the state after this attempt.
     */
    public CompletionStage<Registration> register() {
        InetSocketAddress registrar = settings.registrar().orElseThrow(() -> new IllegalStateException(
                "phone " + settings.extension() + " has no registrar; set one with PhoneSettings.withRegistrar"));
        return gate.submit(() -> sendRegister(registrar, (int) settings.registerExpires().toSeconds(), false));
    }

    /** Removes the binding (Expires: 0) and stops refreshing. */
    public CompletionStage<Registration> unregister() {
        InetSocketAddress registrar = settings.registrar().orElseThrow(() -> new IllegalStateException(
                "phone " + settings.extension() + " has no registrar to unregister from"));
        synchronized (this) {
            cancelRegistrationTimer();
        }
        return gate.submit(() -> sendRegister(registrar, 0, false));
    }

    public synchronized Registration registration() {
        Registration r = registration;
        boolean current = r.expiresAt().map(at -> at.isAfter(runtime.clock().instant())).orElse(false);
        return current == r.registered() ? r
                : new Registration(current, r.lastRegistered(), r.expiresAt(), r.lastStatus(), r.attempts(),
                r.failures(), r.lastFailure());
    }

    /** The first successful registration at or after {@code since}, of the last few kept. */
    public synchronized Optional<Instant> firstRegistrationSince(Instant since) {
        return registeredAt.stream().filter(t -> !t.isBefore(since)).findFirst();
    }

    private CompletionStage<Registration> sendRegister(InetSocketAddress registrar, int expires, boolean retried) {
        Target target = Target.of(Transport.UDP, registrar);
        SipUri aor = SipUri.of(settings.extension(), settings.domain(), -1);
        SipRequest register;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("phone " + extension() + " is closed"));
            }
            registration = new Registration(registration.registered(), registration.lastRegistered(),
                    registration.expiresAt(), registration.lastStatus(), registration.attempts() + 1,
                    registration.failures(), registration.lastFailure());
            register = SipRequest.builder("REGISTER", SipUri.of(null, settings.domain(), -1))
                    .from(NameAddress.of(aor).withTag(stack.tokens().tag()))
                    .to(NameAddress.of(aor))
                    .callId(registerCallId)
                    .cseq(new CSeq(++registerCSeq, "REGISTER"))
                    .contact(Contact.of(NameAddress.of(contactUri())))
                    .header(HeaderNames.EXPIRES, Integer.toString(expires))
                    .build();
        }
        return stack.requestWithAuth(register, target, account)
                .handle((response, error) -> onRegisterAnswer(registrar, expires, retried, response, error))
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Registration> onRegisterAnswer(InetSocketAddress registrar, int expires, boolean retried,
                                                           SipResponse response, Throwable error) {
        synchronized (this) {
            if (response != null) {
                registerCSeq = Math.max(registerCSeq, response.cseq().number());
            }
            if (response != null && response.status() == 423 && !retried && response.minExpires().isPresent()) {
                return sendRegister(registrar, response.minExpires().getAsInt(), true);
            }
            Instant now = runtime.clock().instant();
            Registration r = registration;
            if (response != null && response.isSuccess()) {
                if (expires == 0) {
                    registration = new Registration(false, r.lastRegistered(), Optional.empty(), response.status(),
                            r.attempts(), r.failures(), Optional.empty());
                    return CompletableFuture.completedFuture(registration);
                }
                int granted = grantedExpiry(response, expires);
                registration = new Registration(true, Optional.of(now), Optional.of(now.plusSeconds(granted)),
                        response.status(), r.attempts(), r.failures(), Optional.empty());
                registeredAt.addLast(now);
                while (registeredAt.size() > HISTORY) {
                    registeredAt.removeFirst();
                }
                scheduleRegistration(Duration.ofMillis((long) (granted * 1000 * settings.refreshFraction())));
            } else {
                String failure = response != null ? response.status() + " " + response.reason() : describe(error);
                boolean stillValid = r.expiresAt().map(at -> at.isAfter(now)).orElse(false);
                registration = new Registration(stillValid, r.lastRegistered(), r.expiresAt(),
                        response != null ? response.status() : 0, r.attempts(), r.failures() + 1, Optional.of(failure));
                LOG.debug("phone {}: REGISTER failed: {}", extension(), failure);
                if (expires != 0) {
                    long retry = settings.retryDelay().toMillis();
                    scheduleRegistration(Duration.ofMillis(retry / 2 + random.nextLong(retry / 2 + 1)));
                }
            }
            return CompletableFuture.completedFuture(registration);
        }
    }

    /** The expiry the registrar granted our Contact (its expires parameter), else Expires, else what we asked. */
    private int grantedExpiry(SipResponse ok, int asked) {
        SipUri mine = contactUri();
        for (Contact c : ok.contacts()) {
            if (!c.wildcard() && c.uri() instanceof SipUri u && u.host().equals(mine.host()) && u.port() == mine.port()
                    && Objects.equals(u.user(), mine.user()) && c.expires().isPresent()) {
                return Math.max(1, c.expires().getAsInt());
            }
        }
        return Math.max(1, ok.expires().orElse(asked));
    }

    private void scheduleRegistration(Duration delay) {
        cancelRegistrationTimer();
        if (!closed) {
            registrationTimer = runtime.schedule(() -> register().exceptionally(e -> registration()), delay);
        }
    }

    private void cancelRegistrationTimer() {
        if (registrationTimer != null) {
            registrationTimer.cancel(false);
            registrationTimer = null;
        }
    }

    // ==== outgoing calls ==========================================================================

    /**
     * Calls {@code number} through {@code nextHop} (the gateway, or another phone's
     * {@link #sipAddress()} for a direct call). Returns at once; follow the call through
     * {@link PhoneCall#answered()} and {@link PhoneCall#ended()}.
     */
    public PhoneCall call(String number, InetSocketAddress nextHop) {
        return call(number, nextHop, Map.of());
    }

    /** As {@link #call(String, InetSocketAddress)}, with extra header fields in the INVITE. */
    public PhoneCall call(String number, InetSocketAddress nextHop, Map<String, String> headers) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(nextHop, "nextHop");
        Map<String, String> extra = Map.copyOf(headers);
        PhoneCall call = new PhoneCall(this, Direction.OUTGOING, stack.tokens().callId(settings.bindHost()), number);
        calls.put(call.callId(), call);
        runtime.execute(() -> openMedia(call).whenComplete((media, error) -> {
            if (error != null) {
                call.finish(EndedBy.NOT_ANSWERED, 0, Optional.of(error.getMessage()));
            } else if (call.hangUpRequested) {
                call.finish(EndedBy.NOT_ANSWERED, 0, Optional.of("hung up before the INVITE was sent"));
            } else {
                sendInvite(call, number, nextHop, extra);
            }
        }));
        return call;
    }

    private CompletionStage<MediaStream> openMedia(PhoneCall call) {
        long n = ++callCounter;
        SpeechLikeSignal signal = new SpeechLikeSignal(settings.seed() * 31 + n);
        long ssrc = random.nextLong() & 0xFFFF_FFFFL;
        return MediaStream.open(runtime, settings.bindHost(), signal, settings.jitter(), ssrc, random.nextInt(1 << 16),
                random.nextLong() & 0xFFFF_FFFFL, extension() + " " + call.callId(), lan)
                .thenApply(media -> {
                    call.media = media;
                    if (call.state == PhoneCall.State.ENDED) {
                        media.stop();   // cancelled while the socket was being opened
                    }
                    return media;
                });
    }

    private void sendInvite(PhoneCall call, String number, InetSocketAddress nextHop, Map<String, String> headers) {
        Target target = Target.of(Transport.UDP, nextHop);
        String host = nextHop.getAddress().getHostAddress();
        SipRequest.Builder builder = SipRequest.builder("INVITE", SipUri.of(number, host, nextHop.getPort()))
                .from(NameAddress.of(SipUri.of(settings.extension(), settings.domain(), -1)).withTag(stack.tokens().tag()))
                .to(NameAddress.of(SipUri.of(number, settings.domain(), -1)))
                .callId(call.callId())
                .cseq(new CSeq(1, "INVITE"))
                .contact(Contact.of(NameAddress.of(contactUri())));
        headers.forEach(builder::header);
        SipRequest invite = builder
                .body(LabSdp.CONTENT_TYPE, LabSdp.describe(extension(), call.media.localAddress(),
                        call.sdpSessionId = random.nextInt(1 << 30), law.payloadType()))
                .build();
        SipRequest prepared = stack.prepare(invite, target);
        call.sentInvite = prepared;
        call.peerTarget = target;
        call.setupStartNanos = runtime.nanoTime();
        stack.requestWithAuth(prepared, target, account)
                .whenComplete((response, error) -> runtime.execute(() -> onInviteAnswer(call, response, error)));
    }

    private void onInviteAnswer(PhoneCall call, SipResponse response, Throwable error) {
        if (call.state != PhoneCall.State.SETTING_UP) {
            if (response != null && response.isSuccess()) {
                ackAndBye(call, response);   // a 200 after we gave up
            }
            return;
        }
        if (error != null) {
            call.finish(EndedBy.NOT_ANSWERED, 0, Optional.of(describe(error)));
            return;
        }
        if (!response.isSuccess()) {
            call.finish(EndedBy.NOT_ANSWERED, response.status(),
                    Optional.of("the INVITE was answered " + response.status() + " " + response.reason()));
            return;
        }
        call.setupTime = Optional.of(Duration.ofNanos(runtime.nanoTime() - call.setupStartNanos));
        SipRequest asSent = call.sentInvite.toBuilder().cseq(response.cseq()).build();
        try {
            call.dialog = Dialog.asUac(asSent, response);
        } catch (IllegalArgumentException e) {
            call.finish(EndedBy.NOT_ANSWERED, response.status(), Optional.of("unusable 200 to the INVITE: " + e.getMessage()));
            return;
        }
        stack.sendAck(call.dialog.ack(asSent), call.peerTarget);
        Optional<InetSocketAddress> remote = LabSdp.of(response).flatMap(LabSdp::remoteRtp);
        call.state = PhoneCall.State.ESTABLISHED;
        call.answerNanos = runtime.nanoTime();
        if (remote.isEmpty()) {
            sendBye(call, EndedBy.LOCAL, Optional.of("the 200 carried no usable SDP answer"));
            return;
        }
        call.media.start(remote.get());
        call.markAnswered();
        if (call.hangUpRequested) {
            sendBye(call, EndedBy.LOCAL, Optional.empty());
        }
    }

    private void ackAndBye(PhoneCall call, SipResponse ok) {
        try {
            SipRequest asSent = call.sentInvite.toBuilder().cseq(ok.cseq()).build();
            Dialog d = Dialog.asUac(asSent, ok);
            stack.sendAck(d.ack(asSent), call.peerTarget);
            stack.request(d.bye(), call.peerTarget);
        } catch (IllegalArgumentException e) {
            LOG.debug("phone {}: cannot end a late 200 for {}: {}", extension(), call.callId(), e.getMessage());
        }
    }

    // ==== incoming requests (runtime thread) ======================================================

    private void onRequest(ServerRequest request) {
        switch (request.method()) {
            case "INVITE" -> {
                if (request.request().to().tag().isPresent()) {
                    reInvite(request);
                } else {
                    incomingInvite(request);
                }
            }
            case "BYE" -> {
                PhoneCall call = calls.get(request.request().callId());
                if (call == null) {
                    request.respond(481, "Call/Transaction Does Not Exist");
                } else {
                    request.respond(200, "OK");
                    call.finish(EndedBy.REMOTE, 200, Optional.empty());
                }
            }
            case "CANCEL" -> {
                PhoneCall call = calls.get(request.request().callId());
                if (call != null && call.state == PhoneCall.State.SETTING_UP) {
                    call.finish(EndedBy.NOT_ANSWERED, 487, Optional.of("cancelled by the caller"));
                }
            }
            case "ACK" -> { }
            case "OPTIONS" -> request.respond(200, "OK");
            default -> request.respond(405, "Method Not Allowed");
        }
    }

    private void incomingInvite(ServerRequest request) {
        Optional<SessionDescription> offer = LabSdp.of(request.request());
        if (offer.isEmpty() || !LabSdp.offers(offer.get(), law.payloadType()) || LabSdp.remoteRtp(offer.get()).isEmpty()) {
            request.respond(488, "Not Acceptable Here");
            return;
        }
        if (calls.containsKey(request.request().callId())) {
            request.respond(482, "Loop Detected");
            return;
        }
        PhoneCall call = new PhoneCall(this, Direction.INCOMING, request.request().callId(),
                request.request().from().uri().toString());
        call.receivedInvite = request;
        call.peerTarget = request.source().replyTarget();
        calls.put(call.callId(), call);
        openMedia(call).whenComplete((media, error) -> {
            if (error != null) {
                request.respond(500, "Server Internal Error");
                call.finish(EndedBy.NOT_ANSWERED, 500, Optional.of(error.getMessage()));
                return;
            }
            if (call.state != PhoneCall.State.SETTING_UP) {
                return;
            }
            request.respond(180, "Ringing");
            if (settings.autoAnswer()) {
                call.answerTimer = runtime.schedule(() -> answer(call, offer.get()), settings.ringDelay());
            }
            try {
                incomingListener.accept(call);
            } catch (RuntimeException e) {
                LOG.warn("phone {}: incoming-call listener failed: {}", extension(), e.toString());
            }
        });
    }

    private void answer(PhoneCall call, SessionDescription offer) {
        if (call.state != PhoneCall.State.SETTING_UP) {
            return;
        }
        ServerRequest invite = call.receivedInvite;
        SipResponse ok = invite.response(200, "OK")
                .contact(Contact.of(NameAddress.of(contactUri())))
                .body(LabSdp.CONTENT_TYPE, LabSdp.describe(extension(), call.media.localAddress(),
                        call.sdpSessionId = random.nextInt(1 << 30), law.payloadType()))
                .build();
        if (!invite.respond(ok)) {
            call.finish(EndedBy.NOT_ANSWERED, 487, Optional.of("cancelled before the answer went out"));
            return;
        }
        call.dialog = Dialog.asUas(invite.request(), ok);
        call.state = PhoneCall.State.ESTABLISHED;
        call.answerNanos = runtime.nanoTime();
        call.media.start(LabSdp.remoteRtp(offer).orElseThrow());
        call.markAnswered();
        invite.acknowledged().whenComplete((ack, error) -> {
            if (error != null) {
                runtime.execute(() -> sendBye(call, EndedBy.LOCAL, Optional.of("no ACK for the 200 within 64*T1")));
            }
        });
    }

    private void reInvite(ServerRequest request) {
        PhoneCall call = calls.get(request.request().callId());
        if (call == null || call.state != PhoneCall.State.ESTABLISHED) {
            request.respond(481, "Call/Transaction Does Not Exist");
            return;
        }
        Optional<SessionDescription> offer = LabSdp.of(request.request());
        offer.flatMap(LabSdp::remoteRtp).ifPresent(call.media::redirect);
        // The answer's direction (RFC 3264 §6.1): the far end holding (sendonly, inactive) gets
        // recvonly or inactive and silence from us; otherwise our own hold, if any, stays.
        dev.lifeline.media.sdp.Direction offered = offer.map(LabSdp::direction)
                .orElse(dev.lifeline.media.sdp.Direction.SENDRECV);
        boolean farEndHolds = offered == dev.lifeline.media.sdp.Direction.SENDONLY
                || offered == dev.lifeline.media.sdp.Direction.INACTIVE;
        call.media.heldByFarEnd(farEndHolds);
        dev.lifeline.media.sdp.Direction answer = switch (offered) {
            case SENDONLY -> dev.lifeline.media.sdp.Direction.RECVONLY;
            case INACTIVE -> dev.lifeline.media.sdp.Direction.INACTIVE;
            default -> call.held ? dev.lifeline.media.sdp.Direction.SENDONLY : dev.lifeline.media.sdp.Direction.SENDRECV;
        };
        request.respond(request.response(200, "OK")
                .contact(Contact.of(NameAddress.of(contactUri())))
                .body(LabSdp.CONTENT_TYPE, LabSdp.describe(extension(), call.media.localAddress(), call.sdpSessionId,
                        ++call.sdpVersion, law.payloadType(), answer))
                .build());
    }

    // ==== hold and resume (RFC 3264 §8.4) =========================================================

    /** Sends the hold ({@code hold}) or resume re-INVITE for {@code call}; completes {@code done} with the outcome. */
    void reInvite(PhoneCall call, boolean hold, CompletableFuture<Boolean> done) {
        if (call.state != PhoneCall.State.ESTABLISHED || call.dialog == null || call.reInviting) {
            done.complete(false);
            return;
        }
        call.reInviting = true;
        SipRequest reInvite = call.dialog.request("INVITE").toBuilder()
                .contact(Contact.of(NameAddress.of(contactUri())))
                .body(LabSdp.CONTENT_TYPE, LabSdp.describe(extension(), call.media.localAddress(), call.sdpSessionId,
                        ++call.sdpVersion, law.payloadType(), hold ? dev.lifeline.media.sdp.Direction.SENDONLY : dev.lifeline.media.sdp.Direction.SENDRECV))
                .build();
        SipRequest prepared = stack.prepare(reInvite, call.peerTarget);
        stack.request(prepared, call.peerTarget).whenComplete((response, error) -> runtime.execute(() -> {
            call.reInviting = false;
            boolean accepted = error == null && response.isSuccess() && call.state == PhoneCall.State.ESTABLISHED;
            if (error == null && response.isSuccess()) {
                stack.sendAck(call.dialog.ack(prepared.toBuilder().cseq(response.cseq()).build()), call.peerTarget);
            }
            if (accepted) {
                LabSdp.of(response).flatMap(LabSdp::remoteRtp).ifPresent(call.media::redirect);
                long heard = call.media.audioReceived();
                if (hold && !call.held) {
                    call.held = true;
                    call.holds++;
                    call.audioAtHold = heard;
                } else if (!hold && call.held) {
                    call.held = false;
                    call.resumes++;
                    call.heardWhileHeld += heard - call.audioAtHold;
                    call.audioAtResume = heard;
                }
            } else {
                LOG.debug("phone {}: {} of {} not accepted: {}", extension(), hold ? "hold" : "resume", call.callId(),
                        error != null ? describe(error) : response.status() + " " + response.reason());
            }
            done.complete(accepted);
        }));
    }

    // ==== hanging up ===============================================================================

    void hangUp(PhoneCall call) {
        switch (call.state) {
            case ESTABLISHED -> sendBye(call, EndedBy.LOCAL, Optional.empty());
            case SETTING_UP -> {
                call.hangUpRequested = true;
                if (call.direction() == Direction.INCOMING) {
                    if (call.receivedInvite != null) {
                        call.receivedInvite.respond(603, "Decline");
                    }
                    call.finish(EndedBy.NOT_ANSWERED, 603, Optional.of("declined"));
                } else if (call.sentInvite != null) {
                    // The INVITE as first sent; after a digest challenge the ringing one differs and the
                    // CANCEL gets 481, but the final response still ends the call (a 200 with a BYE).
                    stack.request(CancelRequest.of(call.sentInvite), call.peerTarget);
                }
            }
            case ENDED -> { }
        }
    }

    private void sendBye(PhoneCall call, EndedBy endedBy, Optional<String> failure) {
        if (call.dialog != null) {
            stack.request(call.dialog.bye(), call.peerTarget).whenComplete((response, error) -> {
                if (error != null) {
                    LOG.debug("phone {}: BYE for {} failed: {}", extension(), call.callId(), describe(error));
                }
            });
        }
        call.finish(endedBy, 200, failure);
    }

    void ended(PhoneCall call, CallResult result) {
        calls.remove(call.callId(), call);
        results.add(result);
    }

    PlayoutQuality rate(PlayoutReport report, MediaStream media) {
        return PlayoutQuality.of(settings.codec(), report, media.networkDelay().orElse(Duration.ZERO), CODING_DELAY);
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof SipTimeoutException) {
            return "no answer (SIP transaction timeout)";
        }
        if (e instanceof SipAuthenticationException) {
            return "authentication failed: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Ends active calls (BYE where answered), stops refreshing, and stops the SIP stack. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelRegistrationTimer();
        }
        CompletableFuture<Void> ended = new CompletableFuture<>();
        runtime.execute(() -> {
            for (PhoneCall call : List.copyOf(calls.values())) {
                hangUp(call);
                call.finish(EndedBy.LOCAL, 0, Optional.of("the phone was closed"));
            }
            ended.complete(null);
        });
        if (!runtime.loop().inEventLoop()) {
            ended.orTimeout(2, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        stack.close();
    }

    @Override
    public String toString() {
        return "LabPhone[" + settings.extension() + " at " + sipAddress() + "]";
    }
}
