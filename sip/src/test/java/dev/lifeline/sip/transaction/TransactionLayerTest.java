package dev.lifeline.sip.transaction;

import static dev.lifeline.sip.transaction.Messages.request;
import static dev.lifeline.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionLayerTest {

    private static final String PEER = "udp:192.0.2.20:5060";

    private final FakeScheduler scheduler = new FakeScheduler(Instant.parse("2025-01-01T00:00:00Z"));
    private final RecordingSender sender = new RecordingSender(scheduler);
    private final RecordingUser user = new RecordingUser(scheduler);
    private final TransactionLayer<String> layer =
            new TransactionLayer<>(TimerConfig.DEFAULT, scheduler, scheduler, sender, user, 1_000);

    private void assertGone() {
        assertThat(layer.size()).isZero();
        assertThat(scheduler.pending()).as("timers left scheduled").isZero();
    }

    @Nested
    class NonInviteClient {

        @Test
        void unansweredOverUdpFollowsTheTimerTableThenTimesOut() {
            layer.sendRequest(request("OPTIONS", "UDP", "z9hG4bK-o1"), PEER);
            scheduler.advance(Duration.ofSeconds(40));

            assertThat(sender.timesOf("OPTIONS")).containsExactly(
                    0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L);
            assertThat(user.calls()).containsExactly("timeout");
            assertThat(user.timeOf("timeout")).isEqualTo(32_000L);
            assertThat(sender.sent()).allMatch(s -> s.destination().equals(PEER));
            assertGone();
        }

        @Test
        void finalResponseReachesTuOnceAndTheTransactionEndsAfterTimerK() {
            SipRequest register = request("REGISTER", "UDP", "z9hG4bK-r1");
            layer.sendRequest(register, PEER);
            scheduler.advanceMillis(700);

            layer.receive(response(register, 200), PEER);
            layer.receive(response(register, 200), PEER);
            scheduler.advance(Duration.ofSeconds(5));

            assertThat(user.calls()).containsExactly("response 200");
            assertThat(sender.timesOf("REGISTER")).containsExactly(0L, 500L);
            assertGone();
        }

        @Test
        void reliableTransportSendsOnceAndEndsWithTheFinalResponse() {
            SipRequest options = request("OPTIONS", "TCP", "z9hG4bK-t1");
            layer.sendRequest(options, PEER);
            scheduler.advance(Duration.ofSeconds(10));
            layer.receive(response(options, 200), PEER);

            assertThat(sender.timesOf("OPTIONS")).containsExactly(0L);
            assertGone();
        }

        @Test
        void sendFailureIsReportedAsTransportError() {
            sender.failFromNowOn();
            layer.sendRequest(request("OPTIONS", "UDP", "z9hG4bK-f1"), PEER);

            assertThat(user.calls()).containsExactly("transport error");
            assertGone();
        }
    }

    @Nested
    class InviteClient {

        private final SipRequest invite = request("INVITE", "UDP", "z9hG4bK-i1");

        @Test
        void unansweredTimesOutWithTimerBAfterDoublingRetransmissions() {
            layer.sendRequest(invite, PEER);
            scheduler.advance(Duration.ofSeconds(40));

            assertThat(sender.timesOf("INVITE")).containsExactly(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L);
            assertThat(user.timeOf("timeout")).isEqualTo(32_000L);
            assertGone();
        }

        @Test
        void provisionalStopsRetransmissionsAndTimerB() {
            layer.sendRequest(invite, PEER);
            scheduler.advanceMillis(600);
            layer.receive(response(invite, 180), PEER);
            scheduler.advance(Duration.ofMinutes(2));

            assertThat(sender.timesOf("INVITE")).containsExactly(0L, 500L);
            assertThat(user.calls()).containsExactly("response 180");
            assertThat(layer.state(TransactionKey.forClient(invite))).contains(TransactionState.PROCEEDING);
        }

        @Test
        void failureResponseIsAcknowledgedPerSection17_1_1_3() {
            layer.sendRequest(invite, PEER);
            SipResponse busy = response(invite, 486);
            layer.receive(busy, PEER);

            SipRequest ack = (SipRequest) sender.last().message();
            assertThat(ack.method()).isEqualTo("ACK");
            assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
            assertThat(ack.callId()).isEqualTo(invite.callId());
            assertThat(ack.from()).isEqualTo(invite.from());
            assertThat(ack.to()).isEqualTo(busy.to());
            assertThat(ack.to().tag()).contains("b2");
            assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
            assertThat(ack.cseq().method()).isEqualTo("ACK");
            assertThat(ack.vias()).containsExactly(invite.topVia());
            assertThat(ack.routes()).isEqualTo(invite.routes());
            assertThat(sender.last().destination()).isEqualTo(PEER);
            assertThat(user.calls()).containsExactly("response 486");
        }

        @Test
        void retransmittedFailureIsAcknowledgedAgainWithoutBotheringTheTu() {
            layer.sendRequest(invite, PEER);
            layer.receive(response(invite, 486), PEER);
            scheduler.advance(Duration.ofSeconds(3));
            layer.receive(response(invite, 486), PEER);

            assertThat(sender.timesOf("ACK")).containsExactly(0L, 3_000L);
            assertThat(user.calls()).containsExactly("response 486");
            scheduler.advance(Duration.ofSeconds(29));
            assertGone();
        }

        @Test
        void successGoesToTuAndRetransmitted2xxToo_thenLateOnesAreStray() {
            layer.sendRequest(invite, PEER);
            layer.receive(response(invite, 200), PEER);
            layer.receive(response(invite, 200), PEER);

            assertThat(layer.state(TransactionKey.forClient(invite))).contains(TransactionState.ACCEPTED);
            assertThat(sender.timesOf("ACK")).as("the TU acknowledges 2xx").isEmpty();
            scheduler.advance(Duration.ofSeconds(32));
            assertGone();

            layer.receive(response(invite, 200), PEER);
            assertThat(user.calls()).containsExactly("response 200", "response 200", "stray 200");
        }

        @Test
        void reliableTransportAcknowledgesAndEndsAtOnce() {
            SipRequest tcpInvite = request("INVITE", "TCP", "z9hG4bK-i2");
            layer.sendRequest(tcpInvite, PEER);
            scheduler.advance(Duration.ofSeconds(5));
            layer.receive(response(tcpInvite, 603), PEER);

            assertThat(sender.sent()).extracting(RecordingSender.Sent::describe).containsExactly("INVITE", "ACK");
            assertGone();
        }

        @Test
        void cancelIsItsOwnClientTransaction() {
            layer.sendRequest(invite, PEER);
            SipRequest cancel = Messages.cancelFor(invite);
            layer.sendRequest(cancel, PEER);
            layer.receive(response(cancel, 200), PEER);
            layer.receive(response(invite, 487), PEER);

            assertThat(user.calls()).containsExactly("response 200", "response 487");
            assertThat(layer.size()).isEqualTo(2);
        }
    }

    @Nested
    class InviteServer {

        private final SipRequest invite = request("INVITE", "UDP", "z9hG4bK-s1");

        @Test
        void silentTuGets100TryingSentFor_itAfter200ms() {
            layer.receive(invite, PEER);
            scheduler.advance(Duration.ofSeconds(1));
            layer.receive(invite, PEER);

            assertThat(user.calls()).containsExactly("request INVITE");
            assertThat(sender.timesOf("100")).containsExactly(200L, 1_000L);
            assertThat(sender.last().destination()).isEqualTo(PEER);
        }

        @Test
        void tuAnsweringInsideTheCallbackSuppresses100Trying() {
            user.whenRequest((key, request) -> layer.respond(key, response(request, 180)));
            layer.receive(invite, PEER);
            scheduler.advance(Duration.ofSeconds(1));

            assertThat(sender.sent()).extracting(RecordingSender.Sent::describe).containsExactly("180");
        }

        @Test
        void failureIsRetransmittedUntilAckThenAcksAreAbsorbedUntilTimerI() {
            layer.receive(invite, PEER);
            SipResponse busy = response(invite, 486);
            layer.respond(user.lastServerKey, busy);
            scheduler.advance(Duration.ofSeconds(2));
            layer.receive(Messages.ackFor(invite, busy), PEER);
            layer.receive(Messages.ackFor(invite, busy), PEER);
            layer.receive(invite, PEER);
            scheduler.advance(Duration.ofSeconds(10));

            assertThat(sender.timesOf("486")).containsExactly(0L, 500L, 1_500L);
            assertThat(user.calls()).containsExactly("request INVITE");
            assertGone();
        }

        @Test
        void missingAckTimesOutWithTimerH() {
            layer.receive(invite, PEER);
            scheduler.advanceMillis(300);
            layer.respond(user.lastServerKey, response(invite, 480));
            scheduler.advance(Duration.ofSeconds(40));

            assertThat(sender.timesOf("480")).containsExactly(
                    300L, 800L, 1_800L, 3_800L, 7_800L, 11_800L, 15_800L, 19_800L, 23_800L, 27_800L, 31_800L);
            assertThat(user.timeOf("timeout")).isEqualTo(32_300L);
            assertGone();
        }

        @Test
        void successAbsorbsInviteRetransmissionsAndPassesAcksUntilTimerL() {
            layer.receive(invite, PEER);
            TransactionKey key = user.lastServerKey;
            layer.respond(key, response(invite, 200));
            layer.receive(invite, PEER);
            assertThat(layer.respond(key, response(invite, 200))).isTrue();
            SipRequest ackFor2xx = request("ACK", "UDP", "z9hG4bK-newbranch");
            layer.receive(ackFor2xx, PEER);
            scheduler.advance(Duration.ofSeconds(32));

            assertThat(sender.timesOf("200")).containsExactly(0L, 0L);
            assertThat(user.calls()).containsExactly("request INVITE", "ack");
            assertGone();
            assertThat(layer.respond(key, response(invite, 200))).isFalse();
        }

        @Test
        void reliableTransportNeverRetransmitsAndEndsOnAck() {
            SipRequest tcpInvite = request("INVITE", "TCP", "z9hG4bK-s2");
            layer.receive(tcpInvite, PEER);
            SipResponse busy = response(tcpInvite, 486);
            layer.respond(user.lastServerKey, busy);
            scheduler.advance(Duration.ofSeconds(10));
            layer.receive(Messages.ackFor(tcpInvite, busy), PEER);

            assertThat(sender.timesOf("486")).containsExactly(0L);
            assertGone();
        }
    }

    @Nested
    class NonInviteServer {

        @Test
        void retransmissionsAreAbsorbedThenAnsweredWithTheLastResponse() {
            SipRequest options = request("OPTIONS", "UDP", "z9hG4bK-n1");
            layer.receive(options, PEER);
            layer.receive(options, PEER);
            layer.respond(user.lastServerKey, response(options, 200));
            layer.receive(options, PEER);
            scheduler.advance(Duration.ofSeconds(32));

            assertThat(user.calls()).containsExactly("request OPTIONS");
            assertThat(sender.timesOf("200")).containsExactly(0L, 0L);
            assertGone();
        }

        @Test
        void reliableTransportEndsWithTheFinalResponse() {
            SipRequest bye = request("BYE", "TLS", "z9hG4bK-n2");
            layer.receive(bye, PEER);
            layer.respond(user.lastServerKey, response(bye, 200));

            assertGone();
        }

        @Test
        void fullTableAnswers503WithoutKeepingState() {
            TransactionLayer<String> tiny = new TransactionLayer<>(TimerConfig.DEFAULT, scheduler, scheduler, sender, user, 1);
            tiny.receive(request("OPTIONS", "UDP", "z9hG4bK-a"), PEER);
            tiny.receive(request("OPTIONS", "UDP", "z9hG4bK-b"), PEER);

            assertThat(sender.timesOf("503")).hasSize(1);
            assertThat(tiny.size()).isEqualTo(1);
        }
    }

    @Nested
    class UnderLoad {

        /** Answers every request with 200 from inside the callback, as the gateway's OPTIONS handling does. */
        private TransactionLayer<String> answering(TransactionLimits limits, ServerAdmission<String> admission) {
            TransactionLayer<String>[] self = new TransactionLayer[1];
            user.whenRequest((key, request) -> self[0].respond(key, response(request, 200)));
            self[0] = new TransactionLayer<>(TimerConfig.DEFAULT, scheduler, scheduler, sender, user, limits, admission);
            return self[0];
        }

        @Test
        void aFloodOfAnsweredRequestsNeverFillsTheTableNorStopsOwnTransactions() {
            // Five in progress at most and room for ~100 answers: a fixed-count table of the
            // old kind refused everything, its own probes included, after the fifth.
            TransactionLayer<String> layer = answering(new TransactionLimits(5, 5, 100 * 1_024), ServerAdmission.all());
            for (int i = 0; i < 100_000; i++) {
                layer.receive(request("OPTIONS", "UDP", "z9hG4bK-flood" + i), "udp:203.0.113.9:5060");
            }
            SipRequest probe = request("OPTIONS", "UDP", "z9hG4bK-own-probe");
            layer.sendRequest(probe, PEER);
            layer.receive(response(probe, 200), PEER);

            assertThat(sender.timesOf("200")).hasSize(100_000);
            assertThat(sender.timesOf("503")).isEmpty();
            assertThat(user.calls()).contains("response 200");
            TransactionLayer.Stats stats = layer.stats();
            assertThat(stats.retainedBytes()).isLessThanOrEqualTo(100 * 1_024);
            assertThat(stats.droppedEarly()).isPositive();
        }

        @Test
        void aRetransmissionIsAnsweredFromTheKeptResponseUntilTimerJWithoutTheTu() {
            TransactionLayer<String> layer = answering(TransactionLimits.DEFAULT, ServerAdmission.all());
            SipRequest register = request("REGISTER", "UDP", "z9hG4bK-r1");
            layer.receive(register, PEER);
            scheduler.advance(Duration.ofSeconds(20));
            layer.receive(register, PEER);
            assertThat(layer.state(TransactionKey.forServer(register))).contains(TransactionState.COMPLETED);
            scheduler.advance(Duration.ofSeconds(13));
            layer.receive(register, PEER);

            assertThat(sender.timesOf("200")).containsExactly(0L, 20_000L, 33_000L);
            assertThat(user.calls()).as("after Timer J the same branch is a new request")
                    .containsExactly("request REGISTER", "request REGISTER");
            assertThat(sender.sent()).extracting(RecordingSender.Sent::destination).containsOnly(PEER);
        }

        @Test
        void whenTheOldestAnswerWasDroppedForMemoryItsRetransmissionIsHandledAgain() {
            TransactionLayer<String> layer = answering(new TransactionLimits(10, 10, 4_000), ServerAdmission.all());
            SipRequest first = request("REGISTER", "UDP", "z9hG4bK-first");
            layer.receive(first, PEER);
            for (int i = 0; i < 20; i++) {
                layer.receive(request("REGISTER", "UDP", "z9hG4bK-more" + i), PEER);
            }
            layer.receive(first, PEER);

            assertThat(user.calls()).filteredOn("request REGISTER"::equals).hasSize(22);
            assertThat(layer.size()).isZero();
        }

        @Test
        void refusedRequestsGet503WithRetryAfterAndDroppedOnesNothing() {
            TransactionLayer<String> layer = answering(TransactionLimits.DEFAULT, (request, source, inProgress) ->
                    switch (request.method()) {
                        case "OPTIONS" -> new Admission.Drop("over the source's rate");
                        case "REGISTER" -> new Admission.Refuse(7, "overloaded");
                        default -> Admission.ADMIT;
                    });
            layer.receive(request("OPTIONS", "UDP", "z9hG4bK-o"), PEER);
            layer.receive(request("REGISTER", "UDP", "z9hG4bK-r"), PEER);
            layer.receive(request("BYE", "UDP", "z9hG4bK-b"), PEER);

            assertThat(user.calls()).containsExactly("request BYE");
            assertThat(sender.sent()).extracting(RecordingSender.Sent::describe).containsExactly("503", "200");
            assertThat(((SipResponse) sender.sent().getFirst().message()).headers().first("Retry-After")).contains("7");
            assertThat(layer.stats().refused()).isEqualTo(1);
            assertThat(layer.stats().dropped()).isEqualTo(1);
            assertThat(layer.size()).isZero();
        }

        @Test
        void anUnacknowledgedChallengeToAnInviteGoesOutThreeTimesNotEleven() {
            SipRequest invite = request("INVITE", "UDP", "z9hG4bK-spoofed");
            layer.receive(invite, PEER);
            layer.respond(user.lastServerKey, response(invite, 407));
            scheduler.advance(Duration.ofSeconds(40));

            assertThat(sender.timesOf("407")).containsExactly(0L, 500L, 1_500L);
            assertGone();
        }
    }

    @Nested
    class Matching {

        @Test
        void cancelFindsTheInviteServerTransactionItTargets() {
            SipRequest invite = request("INVITE", "UDP", "z9hG4bK-c1");
            layer.receive(invite, PEER);
            TransactionKey inviteKey = user.lastServerKey;
            SipRequest cancel = Messages.cancelFor(invite);
            layer.receive(cancel, PEER);

            assertThat(user.calls()).containsExactly("request INVITE", "request CANCEL");
            assertThat(user.lastServerKey).isNotEqualTo(inviteKey);
            assertThat(layer.cancelTarget(cancel)).contains(inviteKey);
            assertThat(layer.cancelTarget(Messages.cancelFor(request("INVITE", "UDP", "z9hG4bK-other"))))
                    .isEmpty();
        }

        @Test
        void rfc2543BranchlessInviteIsMatchedByDialogFieldsAndItsAckByTheResponseTag() {
            SipRequest invite = request("INVITE", "UDP", null);
            layer.receive(invite, PEER);
            layer.receive(invite, PEER);
            SipResponse busy = response(invite, 486);
            layer.respond(user.lastServerKey, busy);
            scheduler.advanceMillis(600);
            layer.receive(Messages.ackFor(invite, busy), PEER);
            scheduler.advance(Duration.ofSeconds(10));

            assertThat(user.calls()).containsExactly("request INVITE");
            assertThat(sender.timesOf("100")).as("retransmission answered with 100").containsExactly(0L);
            assertThat(sender.timesOf("486")).containsExactly(0L, 500L);
            assertGone();
        }

        @Test
        void sameBranchFromAnotherSentByIsAnotherTransaction() {
            SipRequest a = request("OPTIONS", "UDP", "z9hG4bK-same");
            SipRequest b = a.withTopVia(Via.of("UDP", "192.0.2.77", 5060, "z9hG4bK-same"));
            layer.receive(a, PEER);
            layer.receive(b, PEER);

            assertThat(user.calls()).containsExactly("request OPTIONS", "request OPTIONS");
        }

        @Test
        void aTimerFiringThatLostTheRaceWithItsCancellationIsIgnored() {
            TimerScheduler cannotCancel = (delay, task) -> {
                scheduler.schedule(delay, task);
                return () -> { };
            };
            TransactionLayer<String> racy =
                    new TransactionLayer<>(TimerConfig.DEFAULT, cannotCancel, scheduler, sender, user, 10);
            SipRequest invite = request("INVITE", "UDP", "z9hG4bK-race");
            racy.sendRequest(invite, PEER);
            scheduler.advanceMillis(600);
            racy.receive(response(invite, 180), PEER);
            scheduler.advance(Duration.ofSeconds(60));

            assertThat(sender.timesOf("INVITE")).containsExactly(0L, 500L);
            assertThat(user.calls()).containsExactly("response 180");
        }

        @Test
        void ackIsNeverSentThroughAClientTransaction() {
            assertThatThrownBy(() -> layer.sendRequest(request("ACK", "UDP", "z9hG4bK-x"), PEER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> layer.sendRequest(request("OPTIONS", "UDP", "old-style"), PEER))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
