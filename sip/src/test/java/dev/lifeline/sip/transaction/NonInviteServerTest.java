package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionKind.NON_INVITE_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.StartTimer;
import dev.lifeline.sip.transaction.Action.Terminated;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.RequestReceived;
import dev.lifeline.sip.transaction.Event.TransportError;
import dev.lifeline.sip.transaction.Event.TuResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NonInviteServerTest {

    @Test
    void passesRequestToTuAndAbsorbsRetransmissionsWhileTrying() {
        MachineRun run = MachineRun.start(NON_INVITE_SERVER, false);

        assertThat(run.actionsSince(0)).containsExactly(new PassToTu());
        assertThat(run.on(new RequestReceived())).isEmpty();
        run.advance(Duration.ofMinutes(1));
        assertThat(run.state()).isEqualTo(TransactionState.TRYING);
    }

    @Test
    void provisionalIsResentOnRetransmission() {
        MachineRun run = MachineRun.start(NON_INVITE_SERVER, false);

        assertThat(run.on(new TuResponse(100))).containsExactly(new Transmit());
        assertThat(run.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
    }

    @Test
    void finalResponseIsResentUntilTimerJ() {
        MachineRun run = MachineRun.start(NON_INVITE_SERVER, false);

        assertThat(run.on(new TuResponse(200))).containsExactly(
                new Transmit(), new StartTimer(TimerName.J, Duration.ofSeconds(32)));
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
        assertThat(run.on(new TuResponse(500))).isEmpty();

        run.advance(Duration.ofSeconds(32));
        assertThat(run.timesOf(Terminated.class)).containsExactly(32_000L);
    }

    @Test
    void reliableTransportTerminatesWithTheFinalResponse() {
        MachineRun run = MachineRun.start(NON_INVITE_SERVER, true);

        assertThat(run.on(new TuResponse(200))).containsExactly(new Transmit(), new Terminated());
    }

    @Test
    void transportErrorAfterAResponseTerminates() {
        MachineRun run = MachineRun.start(NON_INVITE_SERVER, false);
        run.on(new TuResponse(200));

        assertThat(run.on(new TransportError())).containsExactly(
                new NotifyTransportError(), new Action.CancelTimer(TimerName.J), new Terminated());
    }
}
