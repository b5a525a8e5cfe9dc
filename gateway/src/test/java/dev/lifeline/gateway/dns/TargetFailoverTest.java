package dev.lifeline.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipAuthenticationException;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Failover between provider targets with a fake request function: no sockets. */
class TargetFailoverTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingEventSink events = new RecordingEventSink();
    private final TargetFailover failover = new TargetFailover("provider", clock, events::accept);

    private final ProviderTarget one = target("sip1.provider.example", "192.0.2.1");
    private final ProviderTarget two = target("sip2.provider.example", "192.0.2.2");
    private final ProviderTarget three = target("sip3.provider.example", "192.0.2.3");
    private final List<ProviderTarget> targets = List.of(one, two, three);

    // --- the pure rule ---

    @Test
    void a503MovesOnAndOtherAnswersAreFinal() {
        assertThat(TargetFailover.classify(response(503), null, false))
                .isEqualTo(new TargetVerdict.TryNext("503 Service Unavailable"));
        for (int status : new int[] {200, 401, 403, 404, 408, 480, 486, 500, 502, 504, 603}) {
            assertThat(TargetFailover.classify(response(status), null, false)).isInstanceOf(TargetVerdict.Answered.class);
        }
    }

    @Test
    void timeoutsAndTransportErrorsMoveOn() {
        assertThat(TargetFailover.classify(null, new SipTimeoutException("no final response (Timer F)"), false))
                .isEqualTo(new TargetVerdict.TryNext("timeout: no final response (Timer F)"));
        assertThat(TargetFailover.classify(null, new CompletionException(new TransportException("connection refused")), false))
                .isEqualTo(new TargetVerdict.TryNext("transport error: connection refused"));
    }

    @Test
    void failuresAnotherTargetWouldNotChangeAreFinal() {
        Throwable auth = new SipAuthenticationException("no HA1 for realm x", response(401));
        assertThat(TargetFailover.classify(null, auth, false)).isEqualTo(new TargetVerdict.Failed(auth));
        Throwable closed = new IllegalStateException("SIP stack closed");
        assertThat(TargetFailover.classify(null, closed, false)).isEqualTo(new TargetVerdict.Failed(closed));
    }

    @Test
    void aCommittedInviteNeverMovesOn() {
        assertThat(TargetFailover.classify(response(503), null, true)).isInstanceOf(TargetVerdict.Answered.class);
        assertThat(TargetFailover.classify(null, new TransportException("reset"), true)).isInstanceOf(TargetVerdict.Failed.class);
    }

    // --- the sequence ---

    @Test
    void theFirstAnswerIsTakenWithoutTryingOthers() {
        List<ProviderTarget> tried = new ArrayList<>();
        SipResponse ok = response(200);
        SipResponse result = join(failover.send("REGISTER", targets, t -> {
            tried.add(t);
            return CompletableFuture.completedFuture(ok);
        }));
        assertThat(result).isSameAs(ok);
        assertThat(tried).containsExactly(one);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void a503MovesToTheNextTarget() {
        SipResponse ok = response(200);
        Script script = new Script(Map.of(one, CompletableFuture.completedFuture(response(503)),
                two, CompletableFuture.completedFuture(ok)));
        assertThat(join(failover.send("OPTIONS", targets, script))).isSameAs(ok);
        assertThat(script.tried).containsExactly(one, two);
        assertThat(events.ofType(Event.ProviderTargetFailed.class)).containsExactly(new Event.ProviderTargetFailed(
                clock.instant(), "provider", "OPTIONS", "udp 192.0.2.1:5060 (sip1.provider.example)", "503 Service Unavailable"));
    }

    @Test
    void timeoutAndTransportErrorMoveOnInOrder() {
        SipResponse notFound = response(404);
        Script script = new Script(Map.of(
                one, CompletableFuture.failedFuture(new SipTimeoutException("no final response within 32000 ms (Timer F)")),
                two, CompletableFuture.failedFuture(new TransportException("cannot connect tcp to 192.0.2.2:5060")),
                three, CompletableFuture.completedFuture(notFound)));
        assertThat(join(failover.send("REGISTER", targets, script))).isSameAs(notFound);
        assertThat(script.tried).containsExactly(one, two, three);
        assertThat(events.ofType(Event.ProviderTargetFailed.class)).extracting(Event.ProviderTargetFailed::reason)
                .containsExactly("timeout: no final response within 32000 ms (Timer F)",
                        "transport error: cannot connect tcp to 192.0.2.2:5060");
    }

    @Test
    void whenAllFailTheErrorNamesEachTargetAndWhy() {
        SipResponse busy = response(503);
        Script script = new Script(Map.of(
                one, CompletableFuture.failedFuture(new SipTimeoutException("Timer F")),
                two, CompletableFuture.failedFuture(new TransportException("connection refused")),
                three, CompletableFuture.completedFuture(busy)));
        Throwable error = failure(failover.send("REGISTER", targets, script));
        assertThat(error).isInstanceOf(AllTargetsFailedException.class).hasMessage(
                "REGISTER for trunk provider failed on every provider target (3): "
                        + "udp 192.0.2.1:5060 (sip1.provider.example): timeout: Timer F; "
                        + "udp 192.0.2.2:5060 (sip2.provider.example): transport error: connection refused; "
                        + "udp 192.0.2.3:5060 (sip3.provider.example): 503 Service Unavailable");
        assertThat(((AllTargetsFailedException) error).lastResponse()).contains(busy);
        assertThat(events.ofType(Event.ProviderTargetFailed.class)).hasSize(3);
    }

    @Test
    void noTargetsFailsAtOnceWithAClearMessage() {
        Throwable error = failure(failover.send("REGISTER", List.of(), t -> {
            throw new AssertionError("nothing to send to");
        }));
        assertThat(error).hasMessage("REGISTER for trunk provider was not sent: there are no provider targets");
    }

    @Test
    void aFinalFailureStopsTheSearch() {
        SipAuthenticationException auth = new SipAuthenticationException("cannot answer the challenge", response(401));
        Script script = new Script(Map.of(one, CompletableFuture.failedFuture(auth)));
        assertThat(failure(failover.send("REGISTER", targets, script))).isSameAs(auth);
        assertThat(script.tried).containsExactly(one);
        assertThat(events.events()).isEmpty();
    }

    @Test
    void anInviteMovesOnBeforeAnyProvisionalButNotAfterRinging() {
        // Target one: 100 Trying then 503 → may move on. Target two: 180 then 503 → committed.
        List<ProviderTarget> tried = new ArrayList<>();
        CompletionStage<SipResponse> result = failover.sendInvite(targets, (t, provisional) -> {
            tried.add(t);
            if (t == one) {
                provisional.accept(response(100));
            } else {
                provisional.accept(response(180));
            }
            return CompletableFuture.completedFuture(response(503));
        });
        assertThat(join(result).status()).isEqualTo(503);
        assertThat(tried).containsExactly(one, two);
    }

    @Test
    void anInviteThatTimesOutBeforeAnyAnswerMovesOn() {
        SipResponse ok = response(200);
        CompletionStage<SipResponse> result = failover.sendInvite(targets, (t, provisional) -> t == one
                ? CompletableFuture.failedFuture(new SipTimeoutException("Timer B"))
                : CompletableFuture.completedFuture(ok));
        assertThat(join(result)).isSameAs(ok);
        assertThat(events.ofType(Event.ProviderTargetFailed.class)).extracting(Event.ProviderTargetFailed::method)
                .containsExactly("INVITE");
    }

    @Test
    void aRequestFunctionThatThrowsFailsTheRequest() {
        Throwable error = failure(failover.send("OPTIONS", targets, t -> {
            throw new IllegalStateException("SIP stack closed");
        }));
        assertThat(error).isInstanceOf(IllegalStateException.class).hasMessage("SIP stack closed");
    }

    /** Answers each target as scripted and records the order tried. */
    private static final class Script implements Function<ProviderTarget, CompletionStage<SipResponse>> {
        final Map<ProviderTarget, CompletableFuture<SipResponse>> answers;
        final List<ProviderTarget> tried = new ArrayList<>();

        Script(Map<ProviderTarget, CompletableFuture<SipResponse>> answers) {
            this.answers = answers;
        }

        @Override
        public CompletionStage<SipResponse> apply(ProviderTarget t) {
            tried.add(t);
            CompletableFuture<SipResponse> a = answers.get(t);
            if (a == null) {
                throw new AssertionError("target " + t + " should not have been tried");
            }
            return a;
        }
    }

    static ProviderTarget target(String name, String ip) {
        try {
            InetAddress a = InetAddress.getByAddress(name, InetAddress.getByName(ip).getAddress());
            return new ProviderTarget(Transport.UDP, new InetSocketAddress(a, 5060), Optional.of("_sip._udp.provider.example"), 10, 50);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SipResponse response(int status) {
        String reason = switch (status) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 200 -> "OK";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
        return SipResponse.builder(status, reason).build();
    }

    private static SipResponse join(CompletionStage<SipResponse> stage) {
        return stage.toCompletableFuture().join();
    }

    private static Throwable failure(CompletionStage<SipResponse> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the request to fail");
    }
}
