package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.trunk.RegisterOutcome.Answered;
import dev.lifeline.gateway.trunk.TrunkAction.Publish;
import dev.lifeline.gateway.trunk.TrunkAction.SendProbe;
import dev.lifeline.gateway.trunk.TrunkAction.SendRegister;
import dev.lifeline.gateway.trunk.TrunkAction.SendUnregister;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registration decisions on a fake clock: every input, no sockets, no sleeps. */
class TrunkRegistrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    /** Feeds inputs at a fake time and remembers the last step. */
    private static final class Driver {
        final TrunkRegistration machine;
        RegistrationState state;
        Instant now = T0;
        List<TrunkAction> actions = List.of();

        Driver(TrunkSettings settings) {
            machine = new TrunkRegistration("provider", settings, new SplittableRandom(5626));
            state = machine.initial(now);
        }

        Driver() {
            this(TrunkSettings.DEFAULT);
        }

        List<TrunkAction> feed(TrunkInput input) {
            TrunkRegistration.Step step = machine.next(state, input, now);
            state = step.state();
            actions = step.actions();
            return actions;
        }

        /** Moves the clock to the next wake-up and ticks. */
        List<TrunkAction> wake() {
            now = state.nextWake().orElseThrow();
            return feed(new TrunkInput.Tick());
        }

        /** Moves the clock to the REGISTER deadline (refresh or retry) and ticks. */
        List<TrunkAction> refresh() {
            now = state.register().due().orElseThrow();
            return feed(new TrunkInput.Tick());
        }

        List<TrunkAction> after(Duration d, TrunkInput input) {
            now = now.plus(d);
            return feed(input);
        }

        int attempt() {
            return state.register().id();
        }

        List<TrunkAction> answer(RegisterOutcome outcome) {
            return feed(new TrunkInput.RegisterResult(attempt(), outcome));
        }

        List<TrunkAction> ok(int grantedSeconds) {
            return answer(new Answered(new ResponseLine(200, "OK"), Optional.of(Duration.ofSeconds(grantedSeconds)),
                    OptionalInt.empty(), OptionalInt.empty()));
        }

        List<TrunkAction> timeout() {
            return answer(new RegisterOutcome.TimedOut("no final response to REGISTER within 32000 ms (Timer F)"));
        }

        TrunkState report() {
            return state.report();
        }

        Duration untilRetry() {
            return Duration.between(now, report().retryAt().orElseThrow());
        }
    }

    @Test
    void startSendsTheFirstRegisterAndSaysRegistering() {
        Driver d = new Driver();

        List<TrunkAction> actions = d.feed(new TrunkInput.Start());

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0)).isInstanceOfSatisfying(Publish.class,
                p -> assertThat(p.state().status()).isEqualTo(TrunkStatus.REGISTERING));
        assertThat(actions.get(1)).isEqualTo(new SendRegister(1, Duration.ofSeconds(3600)));
        assertThat(d.feed(new TrunkInput.Start())).as("a second start").isEmpty();
    }

    @ParameterizedTest(name = "granted {0} s: refresh at +{1} s")
    @CsvSource({"3600, 3240", "300, 268", "60, 30", "2, 1"})
    void okRegistersAndSchedulesTheRefreshBeforeExpiry(int granted, int refreshAt) {
        Driver d = new Driver(TrunkSettings.DEFAULT.withKeepalive(Duration.ofHours(2), 2));
        d.feed(new TrunkInput.Start());
        d.now = T0.plusMillis(40);

        List<TrunkAction> actions = d.ok(granted);

        TrunkState report = d.report();
        assertThat(report.status()).isEqualTo(TrunkStatus.REGISTERED);
        assertThat(report.since()).isEqualTo(d.now);
        assertThat(report.expiresAt()).contains(d.now.plusSeconds(granted));
        assertThat(report.lastResponse()).contains(new ResponseLine(200, "OK"));
        assertThat(actions).containsExactly(new Publish(report));
        assertThat(d.state.nextWake()).contains(d.now.plusSeconds(refreshAt));

        List<TrunkAction> refresh = d.wake();

        assertThat(refresh).as("a refresh is not news").containsExactly(new SendRegister(2, Duration.ofSeconds(3600)));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERED);
    }

    @Test
    void aSuccessfulRefreshKeepsSinceAndMovesTheExpiry() {
        Driver d = registered(new Driver(), 600);
        Instant since = d.report().since();
        d.refresh();

        d.after(Duration.ofMillis(80), new TrunkInput.Tick());
        d.ok(600);

        assertThat(d.report().since()).isEqualTo(since);
        assertThat(d.report().expiresAt()).contains(d.now.plusSeconds(600));
    }

    @Test
    void aTickBeforeTheDeadlineDoesNothing() {
        Driver d = registered(new Driver(), 3600);

        assertThat(d.after(Duration.ofSeconds(29), new TrunkInput.Tick())).isEmpty();
    }

    @Test
    void wrongPasswordIsReportedAsAuthenticationFailed() {
        Driver d = started(new Driver());

        List<TrunkAction> actions = d.answer(Answered.of(401, "Unauthorized"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).startsWith("authentication failed (401 after credentials)");
        assertThat(d.report().lastResponse()).contains(new ResponseLine(401, "Unauthorized"));
        assertThat(actions).containsExactly(new Publish(d.report()));
        assertThat(d.untilRetry()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void proxyAuthenticationRefusedIsAuthenticationFailedToo() {
        Driver d = started(new Driver());

        d.answer(Answered.of(407, "Proxy Authentication Required"));

        assertThat(d.report().reason()).startsWith("authentication failed (407 after credentials)");
    }

    @Test
    void forbiddenSaysTheCredentialsAreWrong() {
        Driver d = started(new Driver());

        d.answer(Answered.of(403, "Forbidden"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).isEqualTo("forbidden (403 Forbidden): credentials wrong or account blocked");
    }

    @Test
    void timeoutsBackOffExponentiallyWithJitterUpTo1800Seconds() {
        Driver d = started(new Driver());
        long[] upperSeconds = {60, 120, 240, 480, 960, 1800, 1800, 1800};

        for (int i = 0; i < upperSeconds.length; i++) {
            List<TrunkAction> actions = d.timeout();
            Duration wait = d.untilRetry();
            assertThat(wait).as("wait after failure %d", i + 1)
                    .isBetween(Duration.ofSeconds(upperSeconds[i]).dividedBy(2), Duration.ofSeconds(upperSeconds[i]));
            assertThat(d.state.nextWake()).contains(d.report().retryAt().orElseThrow());
            assertThat(d.report().reason()).startsWith("no answer from the provider: ").contains("Timer F");
            assertThat(actions).as("failure %d", i + 1).hasSize(1).first().isInstanceOf(Publish.class);
            assertThat(d.wake()).as("the retry keeps FAILING, no event per retry")
                    .containsExactly(new SendRegister(d.attempt(), Duration.ofSeconds(3600)));
            assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        }
        d.ok(3600);
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERED);
        assertThat(d.state.register().failures()).isZero();
    }

    @Test
    void theSinceOfFailingStaysAtTheFirstFailure() {
        Driver d = started(new Driver());
        d.timeout();
        Instant firstFailure = d.now;
        d.wake();
        d.timeout();

        assertThat(d.report().since()).isEqualTo(firstFailure);
    }

    @Test
    void intervalTooBriefRetriesAtOnceWithMinExpires() {
        Driver d = started(new Driver(TrunkSettings.DEFAULT.withExpires(Duration.ofSeconds(60))));

        List<TrunkAction> actions = d.answer(new Answered(new ResponseLine(423, "Interval Too Brief"), Optional.empty(),
                OptionalInt.of(600), OptionalInt.empty()));

        assertThat(actions).containsExactly(new Publish(d.report()), new SendRegister(2, Duration.ofSeconds(600)));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERING);
        d.ok(600);
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERED);
        assertThat(d.refresh()).as("the refresh keeps the larger expiry").contains(new SendRegister(3, Duration.ofSeconds(600)));
    }

    @Test
    void intervalTooBriefWithoutALargerMinExpiresIsAFailureNotALoop() {
        Driver d = started(new Driver());

        d.answer(new Answered(new ResponseLine(423, "Interval Too Brief"), Optional.empty(), OptionalInt.of(60),
                OptionalInt.empty()));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).contains("423").contains("Min-Expires");
        assertThat(d.state.register().inFlight()).isFalse();
    }

    @Test
    void serviceUnavailableWithRetryAfterIsHonouredExactly() {
        Driver d = started(new Driver());

        d.answer(new Answered(new ResponseLine(503, "Service Unavailable"), Optional.empty(), OptionalInt.empty(),
                OptionalInt.of(120)));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).isEqualTo(
                "service unavailable (503 Service Unavailable); retrying after 120 s as the provider asked");
        assertThat(d.untilRetry()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void serviceUnavailableWithoutRetryAfterBacksOff() {
        Driver d = started(new Driver());

        d.answer(Answered.of(503, "Service Unavailable"));

        assertThat(d.untilRetry()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void transportErrorAndUnanswerableChallengeSayWhy() {
        Driver d = started(new Driver());
        d.answer(new RegisterOutcome.TransportFailed("connection refused: /192.0.2.1:5060"));
        assertThat(d.report().reason()).isEqualTo("transport error: connection refused: /192.0.2.1:5060");

        d.wake();
        d.answer(new RegisterOutcome.Unanswerable("algorithm SHA-512-256 not supported"));
        assertThat(d.report().reason()).isEqualTo("cannot answer the provider's challenge: algorithm SHA-512-256 not supported");
    }

    @Test
    void reregisterNowSendsAtOnceAndResetsTheBackoff() {
        Driver d = started(new Driver());
        for (int i = 0; i < 4; i++) {
            d.timeout();
            d.wake();
        }
        d.timeout();
        assertThat(d.untilRetry()).isGreaterThanOrEqualTo(Duration.ofSeconds(480));

        List<TrunkAction> actions = d.after(Duration.ofSeconds(1), new TrunkInput.ReregisterNow("path wan2"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERING);
        assertThat(d.report().reason()).isEqualTo("re-registering: path wan2");
        assertThat(d.report().retryAt()).isEmpty();
        assertThat(actions).containsExactly(new Publish(d.report()), new SendRegister(d.attempt(), Duration.ofSeconds(3600)));
        d.timeout();
        assertThat(d.untilRetry()).as("first failure again").isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void reregisterNowSupersedesTheRegisterInFlight() {
        Driver d = registered(new Driver(), 3600);
        d.refresh();
        int oldAttempt = d.attempt();

        d.feed(new TrunkInput.ReregisterNow("path wan2"));
        List<TrunkAction> late = d.feed(new TrunkInput.RegisterResult(oldAttempt,
                new RegisterOutcome.TimedOut("Timer F over the old path")));

        assertThat(late).as("the old path's answer is stale").isEmpty();
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERING);
        d.ok(3600);
        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERED);
    }

    @Test
    void shutdownUnregistersThenDisables() {
        Driver d = registered(new Driver(), 3600);

        List<TrunkAction> actions = d.after(Duration.ofSeconds(5), new TrunkInput.Shutdown());

        assertThat(d.report().status()).isEqualTo(TrunkStatus.UNREGISTERED);
        assertThat(actions).containsExactly(new Publish(d.report()), new SendUnregister(d.attempt()));
        assertThat(d.state.nextWake()).as("no more refreshes or keepalives").isEmpty();

        d.answer(Answered.of(200, "OK"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.DISABLED);
        assertThat(d.report().reason()).isEqualTo("stopped; unregistered (200 OK)");
        assertThat(d.report().expiresAt()).isEmpty();
        assertThat(d.feed(new TrunkInput.ReregisterNow("too late"))).isEmpty();
        assertThat(d.feed(new TrunkInput.Start())).isEmpty();
    }

    @Test
    void shutdownWhenTheUnregisterGetsNoAnswerStillStops() {
        Driver d = registered(new Driver(), 3600);
        d.feed(new TrunkInput.Shutdown());

        d.timeout();

        assertThat(d.report().status()).isEqualTo(TrunkStatus.DISABLED);
        assertThat(d.report().reason()).startsWith("stopped; unregister unanswered");
    }

    @Test
    void shutdownWithoutABindingSendsNothing() {
        Driver d = started(new Driver());
        d.timeout();

        List<TrunkAction> actions = d.feed(new TrunkInput.Shutdown());

        assertThat(actions).containsExactly(new Publish(d.report()));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.DISABLED);
    }

    @Test
    void keepaliveFailuresMarkTheTrunkFailingAndRegisterAtOnce() {
        Driver d = registered(new Driver(), 3600);

        assertThat(d.wake()).containsExactly(new SendProbe(1));
        assertThat(d.now).isEqualTo(T0.plusSeconds(30));
        assertThat(d.after(Duration.ofSeconds(32), TrunkInput.ProbeResult.failed(1, "Timer F"))).isEmpty();
        assertThat(d.wake()).containsExactly(new SendProbe(2));
        List<TrunkAction> actions = d.after(Duration.ofSeconds(32), TrunkInput.ProbeResult.failed(2, "Timer F"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).startsWith("keepalive: 2 OPTIONS in a row failed (Timer F)");
        assertThat(actions).containsExactly(new Publish(d.report()), new SendRegister(d.attempt(), Duration.ofSeconds(3600)));
    }

    @Test
    void anyAnswerToOptionsCountsAsAliveAndResetsTheCount() {
        Driver d = registered(new Driver(), 3600);
        d.wake();
        d.feed(TrunkInput.ProbeResult.failed(1, "Timer F"));
        d.wake();
        d.feed(TrunkInput.ProbeResult.answered(2, new ResponseLine(405, "Method Not Allowed")));
        d.wake();

        d.feed(TrunkInput.ProbeResult.failed(3, "Timer F"));

        assertThat(d.report().status()).isEqualTo(TrunkStatus.REGISTERED);
        assertThat(d.state.probe().failures()).isEqualTo(1);
    }

    @Test
    void probeOnlyTrunkIsAvailableOrUnavailable() {
        Driver d = new Driver(TrunkSettings.DEFAULT.withRegister(false));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.UNAVAILABLE);

        assertThat(d.feed(new TrunkInput.Start())).contains(new SendProbe(1)).noneMatch(a -> a instanceof SendRegister);
        d.feed(TrunkInput.ProbeResult.answered(1, new ResponseLine(200, "OK")));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.AVAILABLE);
        assertThat(d.report().lastResponse()).contains(new ResponseLine(200, "OK"));

        assertThat(d.wake()).containsExactly(new SendProbe(2));
        d.feed(TrunkInput.ProbeResult.failed(2, "Timer F"));
        assertThat(d.report().status()).as("one loss is not an outage").isEqualTo(TrunkStatus.AVAILABLE);
        d.wake();
        d.feed(TrunkInput.ProbeResult.failed(3, "Timer F"));
        assertThat(d.report().status()).isEqualTo(TrunkStatus.UNAVAILABLE);
        assertThat(d.report().reason()).isEqualTo("no answer to OPTIONS: Timer F");
        assertThat(d.state.nextWake()).as("probing goes on").contains(d.now.plusSeconds(30));

        d.feed(new TrunkInput.Shutdown());
        assertThat(d.report().status()).isEqualTo(TrunkStatus.DISABLED);
    }

    @Test
    void aRefreshThatFailsReportsFailingWhileTheOldExpiryIsKept() {
        Driver d = registered(new Driver(), 3600);
        Instant expires = d.report().expiresAt().orElseThrow();
        d.refresh();

        d.timeout();

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().expiresAt()).contains(expires);
        assertThat(d.state.probe().due()).as("no keepalive while failing").isEmpty();
    }

    @Test
    void aBindingThatLapsesWhileTheRefreshIsUnansweredIsFailing() {
        Driver d = registered(new Driver(TrunkSettings.DEFAULT.withKeepalive(Duration.ofHours(2), 2)), 60);
        d.refresh();
        assertThat(d.now).isEqualTo(T0.plusSeconds(30));
        assertThat(d.state.nextWake()).contains(T0.plusSeconds(60));

        List<TrunkAction> actions = d.wake();

        assertThat(d.report().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(d.report().reason()).isEqualTo("registration expired before a refresh was answered");
        assertThat(actions).containsExactly(new Publish(d.report()));
        d.after(Duration.ofSeconds(2), new TrunkInput.Tick());
        d.timeout();
        assertThat(d.report().reason()).startsWith("no answer from the provider");
        assertThat(d.report().since()).isEqualTo(T0.plusSeconds(60));
    }

    private static Driver started(Driver d) {
        d.feed(new TrunkInput.Start());
        return d;
    }

    private static Driver registered(Driver d, int granted) {
        started(d).ok(granted);
        return d;
    }
}
