package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.DeadPort;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two stacks over real sockets on loopback, UDP and TCP: the call flows every user of the stack relies on. */
class SipStackLoopbackTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private StackPair pair;

    private final List<DeadPort> deadPorts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
        deadPorts.forEach(DeadPort::close);
    }

    private DeadPort closeAfter(DeadPort port) {
        deadPorts.add(port);
        return port;
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void optionsIsAnswered200ByTheHandler(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = request -> request.respond(200, "OK");

        SipResponse response = done(pair.uac.request(pair.request("OPTIONS", "bob"), pair.uasTarget()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.to().tag()).isPresent();
        assertThat(response.topVia().transport()).isEqualTo(transport.viaToken());
        assertThat(response.topVia().branch().orElseThrow()).startsWith("z9hG4bK");
        assertThat(pair.receivedMethods()).containsExactly("OPTIONS");
        ServerRequest seen = pair.received.get(0);
        assertThat(seen.source().transport()).isEqualTo(transport);
        assertThat(seen.request().topVia().hasRport()).isTrue();
        assertThat(seen.request().maxForwards()).hasValue(70);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void registerIsChallengedThenAcceptedWithCredentials(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        TestRegistrar registrar = new TestRegistrar(DigestSettings.DEFAULT_ALGORITHMS);
        pair.behaviour = registrar::onRequest;
        DigestClient phone = DigestClient.withPassword("1001", "s3cret-1001", new SplittableRandom(7));

        SipResponse response = done(pair.uac.requestWithAuth(pair.request("REGISTER", "1001"), pair.uasTarget(), phone));

        assertThat(response.status()).isEqualTo(200);
        assertThat(pair.received).hasSize(2);
        SipRequest first = pair.received.get(0).request();
        SipRequest second = pair.received.get(1).request();
        assertThat(first.authorization()).isEmpty();
        assertThat(second.authorization()).hasSize(1);
        assertThat(second.cseq().number()).isEqualTo(first.cseq().number() + 1);
        assertThat(second.topVia().branch()).isNotEqualTo(first.topVia().branch());
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(registrar.verdicts()).containsExactly(new Verdict.Accepted("1001"));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void wrongPasswordEndsInTheSecondChallengeNotALoop(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = new TestRegistrar(DigestSettings.DEFAULT_ALGORITHMS)::onRequest;
        DigestClient phone = DigestClient.withPassword("1001", "wrong", new SplittableRandom(7));

        SipResponse response = done(pair.uac.requestWithAuth(pair.request("REGISTER", "1001"), pair.uasTarget(), phone));

        assertThat(response.status()).isEqualTo(401);
        assertThat(pair.received).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void challengeThatCannotBeAnsweredFailsClearly(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = request -> request.respond(request.response(401, "Unauthorized")
                .header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"branch\"").build());
        DigestClient phone = DigestClient.withPassword("1001", "s3cret-1001", new SplittableRandom(7));

        Throwable failure = failure(pair.uac.requestWithAuth(pair.request("REGISTER", "1001"), pair.uasTarget(), phone));

        assertThat(failure).isInstanceOf(SipAuthenticationException.class).hasMessageContaining("Basic");
        assertThat(((SipAuthenticationException) failure).challenge().status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void inviteRingsIsAnsweredAcknowledgedAndHungUp(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = this::answerAfterRinging;
        List<SipResponse> provisional = new CopyOnWriteArrayList<>();
        SipRequest invite = pair.uac.prepare(pair.request("INVITE", "bob"), pair.uasTarget());

        SipResponse ok = done(pair.uac.request(invite, pair.uasTarget(), provisional::add));
        Dialog caller = Dialog.asUac(invite, ok);
        done(pair.uac.sendAck(caller.ack(invite), pair.uasTarget()));
        ServerRequest answered = pair.received.get(0);
        SipRequest ack = done(answered.acknowledged());
        SipResponse byeAnswer = done(pair.uac.request(caller.bye(), pair.uasTarget()));

        assertThat(provisional).extracting(SipResponse::status).contains(180);
        assertThat(provisional.get(provisional.size() - 1).to().tag()).isEqualTo(ok.to().tag());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(byeAnswer.status()).isEqualTo(200);
        assertThat(pair.receivedMethods()).containsExactly("INVITE", "ACK", "BYE");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void twoXxIsRetransmittedUntilTheAckArrives(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = this::answerAfterRinging;
        SipRequest invite = pair.uac.prepare(pair.request("INVITE", "bob"), pair.uasTarget());
        SipResponse ok = done(pair.uac.request(invite, pair.uasTarget()));
        long sentBeforeAck = pair.uas.transportStats().messagesSent();

        // No ACK yet: the callee keeps sending the 2xx (T1 = 50 ms, so several within a second).
        await().atMost(WAIT).until(() -> pair.uas.transportStats().messagesSent() >= sentBeforeAck + 3);
        done(pair.uac.sendAck(Dialog.asUac(invite, ok).ack(invite), pair.uasTarget()));
        done(pair.received.get(0).acknowledged());
        long sentAfterAck = pair.uas.transportStats().messagesSent();

        await().during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> pair.uas.transportStats().messagesSent() <= sentAfterAck + 1);
        // The INVITE retransmissions (Timer A) were absorbed; ACKs beyond the first are re-ACKs of 2xx copies.
        assertThat(pair.receivedMethods()).first().isEqualTo("INVITE");
        assertThat(pair.receivedMethods()).filteredOn("INVITE"::equals).hasSize(1);
        assertThat(pair.receivedMethods()).allMatch(m -> m.equals("INVITE") || m.equals("ACK"));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void cancelOfARingingInviteGives487AndThe200ForTheCancel(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = request -> {
            if (request.method().equals("INVITE")) {
                request.respond(180, "Ringing");
            }
        };
        CompletableFuture<SipResponse> ringing = new CompletableFuture<>();
        SipRequest invite = pair.uac.prepare(pair.request("INVITE", "bob"), pair.uasTarget());
        CompletableFuture<SipResponse> inviteAnswer =
                pair.uac.request(invite, pair.uasTarget(), ringing::complete).toCompletableFuture();
        done(ringing);

        SipResponse cancelAnswer = done(pair.uac.request(CancelRequest.of(invite), pair.uasTarget()));
        SipResponse terminated = done(inviteAnswer);

        assertThat(cancelAnswer.status()).isEqualTo(200);
        assertThat(terminated.status()).isEqualTo(487);
        assertThat(terminated.to().tag()).isEqualTo(ringing.join().to().tag());
        await().atMost(WAIT).until(() -> pair.receivedMethods().contains("CANCEL"));
        ServerRequest inviteSeen = pair.received.get(0);
        assertThat(inviteSeen.respond(200, "OK")).as("a late 200 after the 487").isFalse();
        assertThat(pair.received.get(1).respond(200, "OK")).as("the CANCEL is already answered").isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void cancelMatchingNoTransactionGets481(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        SipRequest neverSent = pair.uac.prepare(pair.request("INVITE", "bob"), pair.uasTarget());

        SipResponse response = done(pair.uac.request(CancelRequest.of(neverSent), pair.uasTarget()));

        assertThat(response.status()).isEqualTo(481);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aHandlerThatThrowsGets500Sent(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        pair.behaviour = request -> {
            throw new IllegalStateException("handler bug");
        };

        SipResponse response = done(pair.uac.request(pair.request("OPTIONS", "bob"), pair.uasTarget()));

        assertThat(response.status()).isEqualTo(500);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void optionsToAStackWithoutTheTargetsTransportFailsAtOnce(Transport transport) throws Exception {
        pair = StackPair.over(transport);
        Target tls = Target.of(Transport.TLS, StackPair.address(pair.uas, transport));

        Throwable failure = failure(pair.uac.request(pair.request("OPTIONS", "bob"), tls));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("no TLS listen point");
    }

    @Test
    void requestToAClosedUdpPortTimesOutWithTimerF() throws Exception {
        pair = StackPair.over(Transport.UDP);
        DeadPort dead = closeAfter(DeadPort.udp());
        Target nobody = Target.of(Transport.UDP, dead.address());
        long start = System.nanoTime();

        Throwable failure = failure(pair.uac.request(pair.request("OPTIONS", "bob"), nobody), Duration.ofSeconds(10));

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(failure).isInstanceOf(SipTimeoutException.class).hasMessageContaining("Timer F")
                .hasMessageContaining("3200 ms");
        assertThat(elapsedMillis).isBetween(3_000L, 8_000L);
    }

    @Test
    void inviteToAClosedUdpPortTimesOutWithTimerB() throws Exception {
        pair = StackPair.over(Transport.UDP);
        DeadPort dead = closeAfter(DeadPort.udp());
        Target nobody = Target.of(Transport.UDP, dead.address());

        Throwable failure = failure(pair.uac.request(pair.request("INVITE", "bob"), nobody), Duration.ofSeconds(10));

        assertThat(failure).isInstanceOf(SipTimeoutException.class).hasMessageContaining("Timer B");
    }

    @Test
    void anInviteWithAShortTimerBGivesUpOnASilentTargetInThatTime() throws Exception {
        pair = StackPair.over(Transport.UDP);
        DeadPort dead = closeAfter(DeadPort.udp());
        Target nobody = Target.of(Transport.UDP, dead.address());

        Throwable failure = failure(pair.uac.request(pair.request("INVITE", "bob"), nobody, r -> { },
                Duration.ofMillis(1500)), Duration.ofSeconds(10));

        assertThat(failure).isInstanceOf(SipTimeoutException.class).hasMessageContaining("Timer B")
                .hasMessageContaining("within 1500 ms");
    }

    @Test
    void aLate2xxToAnInviteGivenUpOnIsAcknowledgedAndEnded() throws Exception {
        pair = StackPair.over(Transport.UDP);
        // A server that sends no 100 Trying and answers 200 only after the caller's 300 ms Timer B.
        List<String> seen = new CopyOnWriteArrayList<>();
        try (DatagramSocket slow = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            slow.setSoTimeout(5000);
            Thread server = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[65535];
                try {
                    while (!seen.contains("BYE")) {
                        java.net.DatagramPacket in = new java.net.DatagramPacket(buffer, buffer.length);
                        slow.receive(in);
                        SipRequest r = Wire.parse(new String(in.getData(), 0, in.getLength(),
                                java.nio.charset.StandardCharsets.UTF_8));
                        seen.add(r.method());
                        if (r.isMethod("INVITE") && seen.stream().filter("INVITE"::equals).count() == 1) {
                            Thread.sleep(700);
                        }
                        if (r.isMethod("INVITE") || r.isMethod("BYE")) {
                            byte[] ok = SipResponse.forRequest(r, 200, "OK").toTag("late")
                                    .contact(Contact.of(NameAddress.of(SipUri.of("bob", "127.0.0.1", slow.getLocalPort()))))
                                    .build().toBytes();
                            slow.send(new java.net.DatagramPacket(ok, ok.length, in.getSocketAddress()));
                        }
                    }
                } catch (Exception e) {
                    seen.add("server stopped: " + e);
                }
            });
            Target target = Target.of(Transport.UDP, new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                    slow.getLocalPort()));

            Throwable failure = failure(pair.uac.request(pair.request("INVITE", "bob"), target, r -> { },
                    Duration.ofMillis(300)), Duration.ofSeconds(10));

            assertThat(failure).isInstanceOf(SipTimeoutException.class).hasMessageContaining("within 300 ms");
            server.join(Duration.ofSeconds(8));
            // The INVITE was retransmitted while unanswered; after the late 200: one ACK, one BYE.
            assertThat(seen).filteredOn(m -> !m.equals("INVITE")).containsExactly("ACK", "BYE");
        }
    }

    @Test
    void requestToAClosedTcpPortFailsFastWithTheTransportError() throws Exception {
        pair = StackPair.over(Transport.TCP);
        DeadPort dead = closeAfter(DeadPort.tcp());
        Target nobody = Target.of(Transport.TCP, dead.address());
        long start = System.nanoTime();

        Throwable failure = failure(pair.uac.request(pair.request("OPTIONS", "bob"), nobody));

        assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("cannot connect");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000L);
    }

    // ---- callee behaviours ----------------------------------------------------------------

    /** A phone: 180 at once, then 200 with a Contact; 200 to BYE; ACK needs no answer. */
    private void answerAfterRinging(ServerRequest request) {
        switch (request.method()) {
            case "INVITE" -> {
                request.respond(180, "Ringing");
                Contact contact = Contact.of(NameAddress.of(pair.uas.localUri("bob", pair.transport)));
                request.respond(request.response(200, "OK").contact(contact)
                        .body("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII)).build());
            }
            case "BYE" -> request.respond(200, "OK");
            default -> { }
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return failure(stage, WAIT);
    }

    private static Throwable failure(CompletionStage<?> stage, Duration within) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        await().atMost(within).until(future::isDone);
        assertThat(future).isCompletedExceptionally();
        return future.handle((ok, error) -> error instanceof CompletionException c ? c.getCause() : error)
                .join();
    }
}
