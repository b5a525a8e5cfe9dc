package dev.lifeline.bench.load;

import dev.lifeline.drill.lab.storm.Progress;
import dev.lifeline.drill.lab.storm.Latencies;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.media.relay.RemoteMedia;
import dev.lifeline.media.sdp.SdpResult;
import dev.lifeline.media.sdp.SessionDescription;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pairs of phones calling each other with media: a caller phone sends INVITE, gets 200, ACKs,
 * both phones send RTP every 20 ms for the hold time, then the caller hangs up with BYE and
 * the pair starts its next call. {@code concurrent} pairs run at once. The phones are two SIP
 * stacks (all callers on one, all callees on the other, told apart by user) and an
 * {@link RtpPump} with a socket per phone.
 *
 * <p>Through the gateway the callees register first, and the callers answer the 407 challenge;
 * directly, the callers send the same INVITE to the callees' stack. Bounded in count
 * ({@code calls}) and time ({@code duration} for starting calls).
 */
public final class CallLoad implements AutoCloseable {

    public record Settings(int calls, int concurrent, Duration hold, Duration duration) {
    }

    /** What a run achieved; elapsed runs from the first INVITE to the last call's end. */
    public record Result(long setUp, long completed, long failed, int peakConcurrent, Duration elapsed,
                         Latencies.Percentiles setup, long rtpSent, long rtpReceived) {

        public double setupsPerSecond() {
            return setUp / seconds();
        }

        public double rtpPerSecond() {
            return rtpReceived / seconds();
        }

        public double lossPercent() {
            return rtpSent == 0 ? 0 : 100.0 * Math.max(0, rtpSent - rtpReceived) / rtpSent;
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Where calls go: through a gateway (answering its challenges) or straight to the callee phones. */
    public sealed interface Route permits Route.ViaGateway, Route.Direct {
        record ViaGateway(InetSocketAddress gateway) implements Route {
        }

        record Direct() implements Route {
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Time for the last packets of a call to arrive before the BYE tears the relay down. */
    private static final Duration DRAIN = Duration.ofMillis(100);

    private final Settings settings;
    private final Route route;
    private final SipStack callers;
    private final SipStack callees;
    private final RtpPump rtp;
    private final List<Pair> pairs = new ArrayList<>();
    private final Map<String, Pair> byCallee = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("call-load-timers").unstarted(r));
    private final Latencies setupTimes;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong setUp = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong lastEnd = new AtomicLong();
    private volatile long deadline;
    private volatile boolean stopping;

    /** One caller and one callee phone (extensions 2i and 2i+1) with their RTP sockets. */
    private final class Pair {
        final String caller;
        final String callee;
        final RtpPump.Endpoint callerRtp;
        final RtpPump.Endpoint calleeRtp;
        final DigestClient account;
        volatile boolean busy;

        Pair(int i) {
            caller = BenchSite.number(2 * i);
            callee = BenchSite.number(2 * i + 1);
            callerRtp = rtp.endpoint(2 * i);
            calleeRtp = rtp.endpoint(2 * i + 1);
            account = DigestClient.withPassword(caller, BenchSite.password(caller), new SplittableRandom(i));
        }
    }

    public CallLoad(Settings settings, Route route) throws TransportException, IOException {
        this.settings = settings;
        this.route = route;
        this.setupTimes = new Latencies(settings.calls());
        this.callers = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))),
                CallLoad::answerPlainly);
        this.callees = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))),
                this::onCalleeRequest);
        this.rtp = new RtpPump(2 * settings.concurrent());
        for (int i = 0; i < settings.concurrent(); i++) {
            Pair p = new Pair(i);
            pairs.add(p);
            byCallee.put(p.callee, p);
        }
    }

    /** How many extensions the gateway's site needs for these settings. */
    public static int phones(Settings settings) {
        return 2 * settings.concurrent();
    }

    /** Registers every callee with the gateway (digest), so that calls to them can be routed. */
    public void registerCallees() {
        if (!(route instanceof Route.ViaGateway(InetSocketAddress gateway))) {
            return;
        }
        Target target = Target.of(Transport.UDP, gateway);
        List<CompletableFuture<SipResponse>> answers = new ArrayList<>();
        for (Pair p : pairs) {
            SipUri aor = SipUri.of(p.callee, BenchSite.REALM, -1);
            SipRequest register = SipRequest.builder("REGISTER", SipUri.parse("sip:" + BenchSite.REALM))
                    .from(NameAddress.of(aor).withTag(callees.tokens().tag()))
                    .to(NameAddress.of(aor))
                    .callId(callees.tokens().callId("127.0.0.1"))
                    .cseq(new CSeq(1, "REGISTER"))
                    .contact(Contact.of(NameAddress.of(callees.localUri(p.callee, Transport.UDP))))
                    .header("Expires", "3600")
                    .build();
            DigestClient account = DigestClient.withPassword(p.callee, BenchSite.password(p.callee), new SplittableRandom(1));
            answers.add(callees.requestWithAuth(register, target, account).toCompletableFuture());
        }
        for (CompletableFuture<SipResponse> a : answers) {
            SipResponse r = a.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
            if (r.status() != 200) {
                throw new IllegalStateException("a callee could not register with the gateway: " + r.startLine());
            }
        }
    }

    public Result run(PrintStream out, String label) {
        long start = System.nanoTime();
        lastEnd.set(start);
        deadline = start + settings.duration().toNanos();
        try (Progress p = new Progress(out, label, () -> String.format("%d calls set up, %d ended, %d failed, %d up now",
                setUp.get(), completed.get(), failed.get(), active.get()))) {
            // Spread the pairs' first calls over one hold time, so calls arrive steadily rather than in bursts.
            long gap = settings.hold().toNanos() / pairs.size();
            for (int i = 0; i < pairs.size(); i++) {
                Pair pair = pairs.get(i);
                pair.busy = true;
                timers.schedule(() -> nextCall(pair), i * gap, TimeUnit.NANOSECONDS);
            }
            long hardStop = deadline + settings.hold().toNanos() + 2 * TIMEOUT.toNanos();
            while (System.nanoTime() < hardStop && pairs.stream().anyMatch(pair -> pair.busy)) {
                RegisterStorm.sleep(50);
            }
        }
        stopping = true;
        return new Result(setUp.get(), completed.get(), failed.get(), peak.get(), Duration.ofNanos(lastEnd.get() - start),
                setupTimes.percentiles(), rtp.sent(), rtp.received());
    }

    // ---- the caller's side --------------------------------------------------------------

    private void nextCall(Pair p) {
        if (stopping || System.nanoTime() >= deadline || started.incrementAndGet() > settings.calls()) {
            p.busy = false;
            return;
        }
        p.busy = true;
        Target target = target(p);
        SipRequest invite = callers.prepare(invite(p), target);
        long sentAt = System.nanoTime();
        var answer = route instanceof Route.ViaGateway
                ? callers.requestWithAuth(invite, target, p.account)
                : callers.request(invite, target);
        answer.toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> onAnswer(p, invite, target, sentAt, ok, error));
    }

    private Target target(Pair p) {
        return switch (route) {
            case Route.ViaGateway(InetSocketAddress gateway) -> Target.of(Transport.UDP, gateway);
            case Route.Direct() -> Target.of(Transport.UDP, callees.listenPoints().get(0).address());
        };
    }

    private SipRequest invite(Pair p) {
        InetSocketAddress to = target(p).remote();
        String host = to.getAddress().getHostAddress();
        return SipRequest.builder("INVITE", SipUri.of(p.callee, host, to.getPort()))
                .from(NameAddress.of(SipUri.of(p.caller, BenchSite.REALM, -1)).withTag(callers.tokens().tag()))
                .to(NameAddress.of(SipUri.of(p.callee, host, -1)))
                .callId(callers.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, "INVITE"))
                .contact(Contact.of(NameAddress.of(callers.localUri(p.caller, Transport.UDP))))
                .body("application/sdp", sdp(p.caller, p.callerRtp.port()))
                .build();
    }

    private void onAnswer(Pair p, SipRequest invite, Target target, long sentAt, SipResponse ok, Throwable error) {
        if (error != null || ok.status() != 200) {
            failed.incrementAndGet();
            timers.schedule(() -> nextCall(p), 100, TimeUnit.MILLISECONDS);   // no hot loop against a refusing peer
            return;
        }
        setupTimes.record(System.nanoTime() - sentAt);
        setUp.incrementAndGet();
        peak.accumulateAndGet(active.incrementAndGet(), Math::max);
        // After a 407 the answered INVITE carried the next CSeq; the ACK and the dialog go on from that one.
        SipRequest answered = invite.toBuilder().cseq(ok.cseq()).build();
        Dialog dialog = Dialog.asUac(answered, ok);
        callers.sendAck(dialog.ack(answered), target);
        mediaTarget(ok).ifPresent(to -> rtp.start(p.callerRtp, to));
        timers.schedule(() -> {
            rtp.stop(p.callerRtp);
            rtp.stop(p.calleeRtp);
            timers.schedule(() -> hangUp(p, dialog, target), DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        }, settings.hold().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void hangUp(Pair p, Dialog dialog, Target target) {
        callers.request(dialog.bye(), target).toCompletableFuture().orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, error) -> {
                    active.decrementAndGet();
                    if (error == null && r.status() == 200) {
                        completed.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    nextCall(p);
                });
    }

    private static void answerPlainly(ServerRequest request) {
        if (!request.method().equals("ACK")) {
            request.respond(200, "OK");
        }
    }

    // ---- the callee's side --------------------------------------------------------------

    private void onCalleeRequest(ServerRequest request) {
        boolean newCall = request.method().equals("INVITE") && request.request().to().tag().isEmpty();
        Pair p = request.request().requestUri() instanceof SipUri uri ? byCallee.get(uri.user()) : null;
        if (newCall && p != null) {
            SipResponse ok = request.response(200, "OK")
                    .contact(Contact.of(NameAddress.of(callees.localUri(p.callee, Transport.UDP))))
                    .body("application/sdp", sdp(p.callee, p.calleeRtp.port()))
                    .build();
            if (request.respond(ok)) {
                mediaTarget(request.request()).ifPresent(to -> rtp.start(p.calleeRtp, to));
            }
        } else if (newCall) {
            request.respond(404, "Not Found");
        } else {
            answerPlainly(request);
        }
    }

    // ---- media --------------------------------------------------------------------------

    private static byte[] sdp(String user, int rtpPort) {
        return ("v=0\r\no=" + user + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<InetSocketAddress> mediaTarget(SipMessage message) {
        if (SessionDescription.parse(new String(message.body(), StandardCharsets.UTF_8)) instanceof SdpResult.Parsed p) {
            return RemoteMedia.from(p.sdp(), 0).map(RemoteMedia::rtp);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        stopping = true;
        timers.shutdownNow();
        callers.close();
        callees.close();
        rtp.close();
    }
}
