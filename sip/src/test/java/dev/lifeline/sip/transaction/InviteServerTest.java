package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.TransactionKind.INVITE_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.transaction.Action.CancelTimer;
import dev.lifeline.sip.transaction.Action.NotifyTimeout;
import dev.lifeline.sip.transaction.Action.NotifyTransportError;
import dev.lifeline.sip.transaction.Action.PassToTu;
import dev.lifeline.sip.transaction.Action.Retransmit;
import dev.lifeline.sip.transaction.Action.SendTrying;
import dev.lifeline.sip.transaction.Action.StartTimer;
import dev.lifeline.sip.transaction.Action.Terminated;
import dev.lifeline.sip.transaction.Action.Transmit;
import dev.lifeline.sip.transaction.Event.AckReceived;
import dev.lifeline.sip.transaction.Event.RequestReceived;
import dev.lifeline.sip.transaction.Event.TransportError;
import dev.lifeline.sip.transaction.Event.TuResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InviteServerTest {

    @Test
    void passesInviteToTuAndSends100TryingAfter200msOfSilence() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        assertThat(run.actionsSince(0)).containsExactly(
                new StartTimer(TimerName.TRYING, Duration.ofMillis(200)), new PassToTu());

        run.advance(Duration.ofSeconds(1));

        assertThat(run.timesOf(SendTrying.class)).containsExactly(200L);
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
    }

    @Test
    void tuProvisionalWithin200msSuppresses100Trying() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false).advanceMillis(50);

        assertThat(run.on(new TuResponse(180))).containsExactly(new CancelTimer(TimerName.TRYING), new Transmit());
        run.advance(Duration.ofSeconds(1));

        assertThat(run.timesOf(SendTrying.class)).isEmpty();
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
    }

    @Test
    void retransmittedInviteBeforeTheTimerSends100TryingAtOnce() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false).advanceMillis(100);

        assertThat(run.on(new RequestReceived())).containsExactly(new CancelTimer(TimerName.TRYING), new SendTrying());
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
    }

    @Test
    void failureIsRetransmittedWithTimerGUntilTimerHWithoutAck() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        int mark = run.mark();

        run.on(new TuResponse(486));
        assertThat(run.actionsSince(mark)).containsExactly(
                new CancelTimer(TimerName.TRYING),
                new Transmit(),
                new StartTimer(TimerName.G, Duration.ofMillis(500)),
                new StartTimer(TimerName.H, Duration.ofSeconds(32)));
        run.advance(Duration.ofSeconds(40));

        assertThat(run.timesOf(Retransmit.class)).containsExactly(
                500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L);
        assertThat(run.timesOf(NotifyTimeout.class)).containsExactly(32_000L);
        assertThat(run.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void retransmittedInviteInCompletedResendsTheFinalResponse() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        run.on(new TuResponse(404));

        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
    }

    @Test
    void ackConfirmsAndTimerIAbsorbsRetransmittedAcks() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        run.on(new TuResponse(486));
        run.advanceMillis(700);

        assertThat(run.on(new AckReceived())).containsExactly(
                new CancelTimer(TimerName.G),
                new CancelTimer(TimerName.H),
                new StartTimer(TimerName.I, Duration.ofSeconds(5)));
        assertThat(run.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(run.on(new AckReceived())).isEmpty();
        assertThat(run.on(new RequestReceived())).isEmpty();

        run.advance(Duration.ofSeconds(5));
        assertThat(run.timesOf(Terminated.class)).containsExactly(5_700L);
        assertThat(run.timesOf(Retransmit.class)).containsExactly(500L);
    }

    @Test
    void successEntersAcceptedWhichAbsorbsInvitesAndForwards2xxAndAck() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false).advanceMillis(300);

        assertThat(run.on(new TuResponse(200))).containsExactly(
                new Transmit(), new StartTimer(TimerName.L, Duration.ofSeconds(32)));
        assertThat(run.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(run.on(new RequestReceived())).isEmpty();
        assertThat(run.on(new TuResponse(200))).containsExactly(new Transmit());
        assertThat(run.on(new TuResponse(486))).isEmpty();
        assertThat(run.on(new AckReceived())).containsExactly(new PassToTu());

        run.advance(Duration.ofSeconds(32));
        assertThat(run.timesOf(Terminated.class)).containsExactly(32_300L);
    }

    @Test
    void transportErrorInformsTuButTimersStillEndTheTransaction() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        run.on(new TuResponse(500));

        assertThat(run.on(new TransportError())).containsExactly(new NotifyTransportError());
        assertThat(run.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(run.on(new RequestReceived())).containsExactly(new Retransmit());
        run.advance(Duration.ofSeconds(32));
        assertThat(run.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void reliableTransportDoesNotRetransmitAndAckTerminatesAtOnce() {
        MachineRun run = MachineRun.start(INVITE_SERVER, true);
        int mark = run.mark();
        run.on(new TuResponse(603));

        assertThat(run.actionsSince(mark)).containsExactly(
                new CancelTimer(TimerName.TRYING),
                new Transmit(),
                new StartTimer(TimerName.H, Duration.ofSeconds(32)));
        assertThat(run.on(new AckReceived())).containsExactly(new CancelTimer(TimerName.H), new Terminated());
    }

    @Test
    void reliableTransportStillTimesOutWithoutAck() {
        MachineRun run = MachineRun.start(INVITE_SERVER, true);
        run.on(new TuResponse(603));
        run.advance(Duration.ofSeconds(33));

        assertThat(run.timesOf(Retransmit.class)).isEmpty();
        assertThat(run.timesOf(NotifyTimeout.class)).containsExactly(32_000L);
    }

    @Test
    void timerGIsCappedAtT2() {
        MachineRun run = MachineRun.start(INVITE_SERVER, false);
        run.on(new TuResponse(480));
        run.advance(Duration.ofSeconds(20));

        assertThat(run.machine()).isInstanceOfSatisfying(InviteServer.class,
                s -> assertThat(s.timerG()).isEqualTo(Duration.ofSeconds(4)));
    }
}
