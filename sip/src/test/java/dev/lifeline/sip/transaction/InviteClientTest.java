package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionKind.INVITE_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transaction.Action.CancelTimer;
import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.SendAck;
import dev.lifeline.sip.transaction.Action.StartTimer;
import dev.lifeline.sip.transaction.Action.Terminated;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.AckReceived;
import dev.lifeline.sip.transaction.Event.ResponseReceived;
import dev.lifeline.sip.transaction.Event.TransportError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InviteClientTest {

    @Test
    void unansweredOverUdpDoublesTimerAWithoutCapAndTimesOutWithTimerB() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false);
        assertThat(run.actionsSince(0)).containsExactly(
                new Transmit(),
                new StartTimer(TimerName.A, Duration.ofMillis(500)),
                new StartTimer(TimerName.B, Duration.ofSeconds(32)));

        run.advance(Duration.ofSeconds(60));

        assertThat(run.timesOf(Retransmit.class)).containsExactly(500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
        assertThat(run.timesOf(NotifyTimeout.class)).containsExactly(32_000L);
        assertThat(run.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(run.machine().timers()).isEmpty();
    }

    @Test
    void provisionalStopsRetransmissionsAndTimerB() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false).advanceMillis(600);

        assertThat(run.on(new ResponseReceived(180))).containsExactly(
                new CancelTimer(TimerName.A), new CancelTimer(TimerName.B), new PassToTu());
        run.advance(Duration.ofMinutes(3));

        assertThat(run.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(run.timesOf(Retransmit.class)).containsExactly(500L);
        assertThat(run.timesOf(NotifyTimeout.class)).isEmpty();
        assertThat(run.on(new ResponseReceived(183))).containsExactly(new PassToTu());
    }

    @Test
    void failureResponseIsAcknowledgedByTheTransactionAndReAcknowledgedWhenRetransmitted() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false);
        run.on(new ResponseReceived(100));

        assertThat(run.on(new ResponseReceived(486))).containsExactly(
                new SendAck(), new PassToTu(), new StartTimer(TimerName.D, Duration.ofSeconds(32)));
        assertThat(run.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(run.on(new ResponseReceived(486))).containsExactly(new SendAck());

        run.advance(Duration.ofSeconds(32));
        assertThat(run.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(run.timesOf(Terminated.class)).containsExactly(32_000L);
    }

    @Test
    void failureInCallingStopsTimersAThenB() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false);

        assertThat(run.on(new ResponseReceived(503))).startsWith(
                new CancelTimer(TimerName.A), new CancelTimer(TimerName.B), new SendAck());
    }

    @Test
    void successPassesToTuAndWaitsInAcceptedForRetransmitted2xx() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false).advanceMillis(100);

        assertThat(run.on(new ResponseReceived(200))).containsExactly(
                new CancelTimer(TimerName.A),
                new CancelTimer(TimerName.B),
                new StartTimer(TimerName.M, Duration.ofSeconds(32)),
                new PassToTu());
        assertThat(run.state()).isEqualTo(TransactionState.ACCEPTED);
        // RFC 6026: every 2xx reaches the TU, which sends each ACK itself.
        assertThat(run.on(new ResponseReceived(200))).containsExactly(new PassToTu());
        assertThat(run.on(new ResponseReceived(180))).isEmpty();
        assertThat(run.on(new TransportError())).isEmpty();

        run.advance(Duration.ofSeconds(32));
        assertThat(run.timesOf(Terminated.class)).containsExactly(32_100L);
        assertThat(run.timesOf(SendAck.class)).isEmpty();
    }

    @Test
    void aShorterTimerBGivesUpOnASilentServerSoonerButNotOnOneThatRings() {
        MachineRun silent = MachineRun.start(INVITE_CLIENT, false, Duration.ofSeconds(4));
        silent.advance(Duration.ofSeconds(60));
        assertThat(silent.timesOf(Retransmit.class)).containsExactly(500L, 1_500L, 3_500L);
        assertThat(silent.timesOf(Terminated.class)).containsExactly(4_000L);

        MachineRun ringing = MachineRun.start(INVITE_CLIENT, false, Duration.ofSeconds(4));
        ringing.advance(Duration.ofSeconds(1));
        ringing.on(new ResponseReceived(180));
        ringing.advance(Duration.ofSeconds(60));
        assertThat(ringing.timesOf(Terminated.class)).isEmpty();
    }

    @Test
    void reliableTransportSkipsTimerAAndTimerD() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, true);
        assertThat(run.actionsSince(0)).containsExactly(
                new Transmit(), new StartTimer(TimerName.B, Duration.ofSeconds(32)));

        assertThat(run.on(new ResponseReceived(404))).containsExactly(
                new CancelTimer(TimerName.B), new SendAck(), new PassToTu(), new Terminated());
    }

    @Test
    void eventsMeantForServersAreIgnored() {
        MachineRun run = MachineRun.start(INVITE_CLIENT, false);

        assertThat(run.on(new AckReceived())).isEmpty();
        assertThat(run.on(new Event.TuResponse(200))).isEmpty();
        assertThat(run.on(new Event.TimerFired(TimerName.H))).isEmpty();
        assertThat(run.state()).isEqualTo(TransactionState.CALLING);
    }
}
