package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionKind.NON_INVITE_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transaction.Action.CancelTimer;
import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.StartTimer;
import dev.lifeline.sip.transaction.Action.Terminated;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.ResponseReceived;
import dev.lifeline.sip.transaction.Event.TransportError;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonInviteClientTest {

    @Test
    void startsByTransmittingWithTimersEAndF() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false);

        assertThat(run.state()).isEqualTo(TransactionState.TRYING);
        assertThat(run.actionsSince(0)).containsExactly(
                new Transmit(),
                new StartTimer(TimerName.E, Duration.ofMillis(500)),
                new StartTimer(TimerName.F, Duration.ofSeconds(32)));
    }

    @Test
    void unansweredOverUdpRetransmitsUpToT2AndTimesOutAt32Seconds() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false).advance(Duration.ofSeconds(40));

        assertThat(run.timesOf(Retransmit.class)).containsExactly(
                500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L);
        assertThat(run.timesOf(NotifyTimeout.class)).containsExactly(32_000L);
        assertThat(run.timesOf(Terminated.class)).containsExactly(32_000L);
        assertThat(run.machine().timers()).isEmpty();
    }

    @Test
    void provisionalResponseMovesToProceedingWhereRetransmissionsUseT2() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false).advanceMillis(200);

        assertThat(run.on(new ResponseReceived(100))).containsExactly(new PassToTu());
        run.advance(Duration.ofSeconds(10));

        assertThat(run.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(run.timesOf(Retransmit.class)).containsExactly(500L, 4_500L, 8_500L);
    }

    @Test
    void finalResponsePassesToTuThenAbsorbsRetransmissionsUntilTimerK() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false).advanceMillis(700);

        assertThat(run.on(new ResponseReceived(200))).containsExactly(
                new PassToTu(),
                new CancelTimer(TimerName.E),
                new CancelTimer(TimerName.F),
                new StartTimer(TimerName.K, Duration.ofSeconds(5)));
        assertThat(run.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(run.on(new ResponseReceived(200))).isEmpty();

        run.advance(Duration.ofSeconds(5));
        assertThat(run.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(run.timesOf(Terminated.class)).containsExactly(5_700L);
        assertThat(run.timesOf(Retransmit.class)).containsExactly(500L);
    }

    @Test
    void reliableTransportNeverRetransmitsAndTerminatesOnFinalResponse() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, true);
        assertThat(run.actionsSince(0)).containsExactly(
                new Transmit(), new StartTimer(TimerName.F, Duration.ofSeconds(32)));

        assertThat(run.on(new ResponseReceived(404))).containsExactly(
                new PassToTu(), new CancelTimer(TimerName.F), new Terminated());
    }

    @Test
    void reliableTransportStillTimesOutWithTimerF() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, true).advance(Duration.ofSeconds(33));

        assertThat(run.timesOf(Retransmit.class)).isEmpty();
        assertThat(run.timesOf(NotifyTimeout.class)).containsExactly(32_000L);
    }

    @Test
    void transportErrorInformsTuAndTerminates() {
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false);

        assertThat(run.on(new TransportError())).containsExactly(
                new NotifyTransportError(),
                new CancelTimer(TimerName.E),
                new CancelTimer(TimerName.F),
                new Terminated());
    }

    @Test
    void raisedT1StretchesEveryInterval() {
        TimerConfig slow = new TimerConfig(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(5));
        MachineRun run = MachineRun.start(NON_INVITE_CLIENT, false, slow).advance(Duration.ofSeconds(70));

        assertThat(run.timesOf(Retransmit.class)).startsWith(1_000L, 3_000L, 7_000L, 11_000L);
        assertThat(run.timesOf(NotifyTimeout.class)).isEqualTo(List.of(64_000L));
    }
}
