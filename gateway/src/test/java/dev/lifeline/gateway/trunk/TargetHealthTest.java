package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.trunk.TargetHealth.Failback;
import dev.lifeline.gateway.trunk.TargetHealth.Failover;
import dev.lifeline.gateway.trunk.TargetHealth.Move;
import dev.lifeline.gateway.trunk.TargetHealth.Policy;
import dev.lifeline.gateway.trunk.TargetHealth.Ranked;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-target OPTIONS records and the move decision, probe by probe on a fake clock (1 s apart). */
class TargetHealthTest {

    private static final Target A = target("127.0.0.41", 5060);
    private static final Target B = target("127.0.0.42", 5060);
    private static final Target C = target("127.0.0.43", 5070);
    private static final Policy POLICY = new Policy(3, Duration.ofSeconds(10), true);
    /** A and B share SRV priority 10, C is a backup at 20. */
    private static final List<Ranked> LOCATED = List.of(new Ranked(A, 10), new Ranked(B, 10), new Ranked(C, 20));

    private final FakeClock clock = new FakeClock();
    private TargetHealth health = TargetHealth.EMPTY;
    private Target current = A;

    private static Target target(String ip, int port) {
        try {
            return Target.of(Transport.UDP, new InetSocketAddress(InetAddress.getByName(ip), port))
                    .from(InetAddress.getByName("127.0.0.11"));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** One probe round one second after the last: {@code dead} fail with a timeout, the others answer. */
    private Optional<Move> round(Target... dead) {
        clock.advance(Duration.ofSeconds(1));
        List<Target> failing = List.of(dead);
        for (Ranked r : LOCATED) {
            health = failing.contains(r.target()) ? health.failed(r.target(), "timeout after 1 s")
                    : health.answered(r.target(), clock.instant());
        }
        Optional<Move> move = health.choose(current, LOCATED, POLICY, clock.instant());
        move.ifPresent(m -> current = m.to());
        return move;
    }

    @Test
    void failuresCountInARowAndAnAnswerResetsThem() {
        health = health.failed(A, "timeout after 1 s").failed(A, "503 Service Unavailable");
        assertThat(health.failures(A)).isEqualTo(2);
        assertThat(health.answering(A)).isFalse();
        assertThat(health.targets().get(A).lastFailure()).isEqualTo("503 Service Unavailable");

        health = health.answered(A, clock.instant());

        assertThat(health.failures(A)).isZero();
        assertThat(health.answering(A)).isTrue();
        assertThat(health.failures(B)).isZero();
        assertThat(health.answering(B)).isFalse();   // never probed
    }

    @Test
    void answeringSinceIsTheStartOfTheUnbrokenRun() {
        health = health.answered(A, clock.instant());
        var first = clock.instant();
        clock.advance(Duration.ofSeconds(5));
        health = health.answered(A, clock.instant());
        assertThat(health.targets().get(A).answeringSince()).contains(first);

        health = health.failed(A, "timeout after 1 s").answered(A, clock.instant());
        assertThat(health.targets().get(A).answeringSince()).contains(clock.instant());
    }

    @Test
    void theCurrentTargetDeadForThreeProbesMovesToTheFirstThatAnswers() {
        assertThat(round()).isEmpty();
        assertThat(round(A)).isEmpty();
        assertThat(round(A)).isEmpty();

        Optional<Move> move = round(A);

        assertThat(move).containsInstanceOf(Failover.class);
        Failover f = (Failover) move.orElseThrow();
        assertThat(f.from()).isEqualTo(A);
        assertThat(f.to()).isEqualTo(B);
        assertThat(f.reason()).isEqualTo("target udp 127.0.0.41:5060 stopped answering OPTIONS (3 in a row); "
                + "registering with udp 127.0.0.42:5060");
        assertThat(f.failure()).isEqualTo("no answer to 3 OPTIONS in a row (last: timeout after 1 s)");
    }

    @Test
    void twoFailuresAndAnAnswerIsNoMove() {
        round(A);
        round(A);
        assertThat(round()).isEmpty();
        assertThat(round(A)).isEmpty();
        assertThat(round(A)).isEmpty();
        assertThat(current).isEqualTo(A);
    }

    @Test
    void noMoveWhenNoOtherTargetAnswers() {
        for (int i = 0; i < 5; i++) {
            assertThat(round(A, B, C)).as("round %d", i + 1).isEmpty();
        }
        // The path manager's business: every target of the path is silent.
        assertThat(current).isEqualTo(A);
    }

    @Test
    void skipsTargetsThatDoNotAnswerEitherAndTakesTheBackup() {
        round(A, B);
        round(A, B);

        assertThat(round(A, B)).hasValueSatisfying(m -> assertThat(m.to()).isEqualTo(C));
    }

    @Test
    void stickyWhenTheOldTargetOfEqualPriorityAnswersAgain() {
        round(A);
        round(A);
        round(A);
        assertThat(current).isEqualTo(B);

        for (int i = 0; i < 30; i++) {
            assertThat(round()).as("second %d after A came back", i + 1).isEmpty();
        }
        assertThat(current).isEqualTo(B);
    }

    @Test
    void movesBackToABetterPriorityOnlyAfterItAnsweredForTheHoldDown() {
        round(A, B);
        round(A, B);
        round(A, B);
        assertThat(current).isEqualTo(C);

        // A answers again from the next round on; 10 s of answers is the 11th answered round.
        for (int i = 0; i < 10; i++) {
            assertThat(round(B)).as("second %d after A came back", i + 1).isEmpty();
        }
        Optional<Move> back = round(B);

        assertThat(back).containsInstanceOf(Failback.class);
        assertThat(back.orElseThrow().to()).isEqualTo(A);
        assertThat(back.orElseThrow().reason()).isEqualTo("target udp 127.0.0.41:5060 (SRV priority 10) has answered "
                + "OPTIONS for 10s; registering there again instead of udp 127.0.0.43:5070 (priority 20)");
    }

    @Test
    void aBreakInTheBetterTargetsAnswersRestartsTheHoldDown() {
        round(A, B);
        round(A, B);
        round(A, B);
        for (int i = 0; i < 8; i++) {
            round(B);
        }
        round(A, B);   // A misses one probe: its run starts again
        for (int i = 0; i < 10; i++) {
            assertThat(round(B)).as("second %d of the new run", i + 1).isEmpty();
        }
        assertThat(round(B)).hasValueSatisfying(m -> assertThat(m.to()).isEqualTo(A));
    }

    @Test
    void noFailbackWhenNotPreemptive() {
        Policy sticky = new Policy(3, Duration.ofSeconds(10), false);
        health = health.failed(A, "x").answered(C, clock.instant());
        clock.advance(Duration.ofMinutes(5));
        health = health.answered(A, clock.instant().minus(Duration.ofMinutes(1)));

        assertThat(health.choose(C, LOCATED, sticky, clock.instant())).isEmpty();
        assertThat(health.choose(C, LOCATED, POLICY, clock.instant())).isPresent();
    }

    @Test
    void aTargetUnknownToTheRoundIsLeftAlone() {
        Target elsewhere = target("127.0.0.49", 5060);
        health = health.failed(elsewhere, "x").failed(elsewhere, "x").failed(elsewhere, "x")
                .answered(A, clock.instant());

        assertThat(health.choose(elsewhere, LOCATED, POLICY, clock.instant()))
                .hasValueSatisfying(m -> assertThat(m.to()).isEqualTo(A));   // dead, and A answers: move
        assertThat(TargetHealth.EMPTY.answered(A, clock.instant()).choose(elsewhere, LOCATED, POLICY, clock.instant()))
                .isEmpty();   // never probed: no record, no failback ranking either
    }

    @Test
    void retainForgetsTargetsGoneFromDns() {
        health = health.failed(A, "x").answered(B, clock.instant());

        TargetHealth kept = health.retain(List.of(B, C));

        assertThat(kept.targets()).containsOnlyKeys(B);
        assertThat(health.retain(List.of(A, B))).isSameAs(health);
    }
}
