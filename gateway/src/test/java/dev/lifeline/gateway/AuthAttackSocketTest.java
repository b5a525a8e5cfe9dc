package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on authentication and bans, over real sockets on 127.0.0.0/8. "The phone's address"
 * is 127.0.0.1; a second source is 127.0.0.2. An attacker forging the phone's source address is
 * played by a raw socket on 127.0.0.1 (it then also sees the answers, which a real spoofer would
 * not: that only makes the attacker stronger).
 */
class AuthAttackSocketTest {

    private static final String PHONE_HOST = "127.0.0.1";
    private static final String OTHER_HOST = "127.0.0.2";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    java.nio.file.Path storage;
    final List<AutoCloseable> open = new ArrayList<>();
    final RecordingCallHandler recordedCalls = new RecordingCallHandler();
    Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** The test site with the real call handling (calls reach registered phones). */
    private void startWithCalls() throws Exception {
        gateway = Gateway.start(TestSites.config(storage));
        open.add(gateway);
    }

    /** The test site with calls recorded and answered 480, and the given security section. */
    private void startRecording(String security) throws Exception {
        String yaml = TestSites.YAML.replace("security: {banAfterFailures: 5, failureWindow: 1m, banDuration: 15m}",
                "security: " + security);
        gateway = Gateway.start(TestSites.config(storage, yaml), GatewayPlugins.DEFAULT.withCalls((c, t) -> recordedCalls));
        open.add(gateway);
    }

    private Phone phone(String user, String password, String host) throws Exception {
        InetSocketAddress address = gateway.listenPoints().stream().filter(p -> p.transport() == Transport.UDP)
                .findFirst().orElseThrow().address();
        Phone p = new Phone(user, password, address, Transport.UDP, host);
        open.add(p);
        return p;
    }

    private RawUdp raw(String host) throws Exception {
        RawUdp r = new RawUdp(host, gateway.listenPoints().stream().filter(p -> p.transport() == Transport.UDP)
                .findFirst().orElseThrow().address());
        open.add(r);
        return r;
    }

    // ---- finding 3: blind ban of a phone ----------------------------------------------------

    @Test
    void junkCredentialsForgedFromAPhonesAddressDoNotBanIt() throws Exception {
        startWithCalls();
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        RawUdp spoofer = raw(PHONE_HOST);

        for (int i = 1; i <= 25; i++) {
            String junk = "Digest username=\"1001\", realm=\"" + TestSites.REALM + "\", nonce=\"junk" + i
                    + "\", uri=\"sip:" + TestSites.REALM + "\", response=\"0123456789abcdef0123456789abcdef\","
                    + " qop=auth, nc=00000001, cnonce=\"c" + i + "\"";
            spoofer.send(spoofer.register("1001", i, junk));
            assertThat(spoofer.receive().status()).as("forged REGISTER %d", i).isEqualTo(403);
        }

        assertThat(gateway.bans().active()).isEmpty();
        assertPhoneIsServed(phone);
    }

    @Test
    void wrongAnswersToANonceSentElsewhereForgedFromAPhonesAddressDoNotBanIt() throws Exception {
        startWithCalls();
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        // The attacker fetches a genuine challenge at its own address...
        RawUdp attacker = raw(OTHER_HOST);
        attacker.send(attacker.register("1001", 1, null));
        List<AuthHeader> challenge = attacker.receive().wwwAuthenticate();
        assertThat(challenge).isNotEmpty();
        DigestClient guesser = DigestClient.withPassword("1001", "guess", new SplittableRandom(3));
        RawUdp spoofer = raw(PHONE_HOST);

        // ...and forges wrong answers to it under the phone's address: four times the ban threshold.
        for (int i = 1; i <= 20; i++) {
            AuthHeader answer = ((DigestClient.Answer.Authorization) guesser.answer(challenge, "REGISTER",
                    "sip:" + TestSites.REALM)).header();
            spoofer.send(spoofer.register("1001", i + 1, answer.toString()));
            assertThat(spoofer.receive().status()).as("forged guess %d", i).isEqualTo(403);
        }

        assertThat(gateway.bans().active()).isEmpty();
        // Repeats from one address are folded into one row with a count (the event log's bound).
        gateway.events().flush().join();
        List<LoggedEvent> rejected = gateway.events().since(Instant.EPOCH).stream()
                .filter(e -> e.event() instanceof Event.RegistrationRejected).toList();
        assertThat(rejected.stream().mapToLong(LoggedEvent::occurrences).sum()).isEqualTo(20);
        assertThat(rejected).allSatisfy(e -> assertThat(((Event.RegistrationRejected) e.event()).reason())
                .contains("not counted: nonce issued to another address"));
        assertPhoneIsServed(phone);
    }

    @Test
    void realGuessesFromARegisteredPhonesAddressNeedFourTimesTheThreshold() throws Exception {
        startWithCalls();
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        Phone guesser = phone("1003", "guess", PHONE_HOST);

        for (int i = 1; i <= 19; i++) {
            assertThat(guesser.withAuth(guesser.register(600)).status()).as("guess %d", i).isEqualTo(403);
        }
        assertThat(gateway.bans().active()).isEmpty();
        assertPhoneIsServed(phone);

        assertThat(guesser.withAuth(guesser.register(600)).status()).isEqualTo(403);
        assertThat(gateway.bans().active()).extracting(b -> b.source().getHostAddress()).containsExactly(PHONE_HOST);
    }

    @Test
    void aRealGuesserIsBannedAndTheBannedAddressStillAnswersTheGatewaysOwnRequests() throws Exception {
        startWithCalls();
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        Phone guesser = phone("1003", "guess", OTHER_HOST);
        Phone neighbour = phone("1002", "pw1002", OTHER_HOST);

        for (int i = 1; i <= 5; i++) {
            assertThat(guesser.withAuth(guesser.register(600)).status()).as("guess %d", i).isEqualTo(403);
        }

        assertThat(gateway.bans().active()).extracting(b -> b.source().getHostAddress()).containsExactly(OTHER_HOST);
        // The gateway's own OPTIONS to a user agent at the banned address gets its answer.
        SipUri target = neighbour.contact();
        SipRequest options = neighbour.request("OPTIONS", target, "gateway", target);
        SipResponse answer = gateway.stack().request(options, Target.of(Transport.UDP,
                new InetSocketAddress(OTHER_HOST, target.port()))).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertPhoneIsServed(phone);
    }

    /** The phone at 127.0.0.1 registers again and a call from another extension rings it. */
    private void assertPhoneIsServed(Phone phone) throws Exception {
        assertThat(phone.withAuth(phone.register(600)).status()).as("re-REGISTER").isEqualTo(200);
        Phone caller = phone("1002", "pw1002", PHONE_HOST);
        CompletableFuture<SipResponse> call = caller.stack.requestWithAuth(caller.invite("1001", "1002"), caller.gateway,
                caller.account).toCompletableFuture();
        await().atMost(WAIT).until(() -> phone.received.stream().anyMatch(r -> r.method().equals("INVITE")));
        ServerRequest invite = phone.received.stream().filter(r -> r.method().equals("INVITE")).findFirst().orElseThrow();
        invite.respond(486, "Busy Here");
        // The phone's answer gets back through the gateway to the caller.
        assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(486);
    }

    // ---- finding 4: digest without qop, replays ---------------------------------------------

    @Test
    void anInviteAnsweredWithoutQopIsChallengedNotPlaced() throws Exception {
        startRecording("{banAfterFailures: 5, failureWindow: 1m, banDuration: 15m}");
        Phone phone = phone("1001", "pw1001", PHONE_HOST);

        SipResponse r = phone.plain(withCredentials(phone, phone.invite("9001", "1001"), true));

        assertThat(r.status()).isEqualTo(407);
        assertThat(r.proxyAuthenticate()).isNotEmpty().allSatisfy(h -> assertThat(h.param("qop")).contains("auth"));
        assertThat(recordedCalls.invites).isEmpty();
        assertThat(gateway.bans().active()).isEmpty();
    }

    @Test
    void aCapturedInviteAuthorizationReplayedOnANewInviteIsRefused() throws Exception {
        startRecording("{banAfterFailures: 5, failureWindow: 1m, banDuration: 15m}");
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        SipRequest first = withCredentials(phone, phone.invite("9001", "1001"), false);
        assertThat(phone.plain(first).status()).isEqualTo(480); // placed: the recording handler answers 480
        String captured = first.headers().first("Proxy-Authorization").orElseThrow();

        // The same credentials on a fresh INVITE (new Call-ID, tags and branch: digest covers none of them).
        SipResponse replay = phone.plain(phone.invite("9001", "1001").toBuilder()
                .header("Proxy-Authorization", captured).build());

        assertThat(replay.status()).isEqualTo(407);
        assertThat(replay.proxyAuthenticate()).allSatisfy(h -> assertThat(h.param("stale")).contains("true"));
        assertThat(recordedCalls.invites).hasSize(1);
    }

    @Test
    void withLegacyDigestAllowedANoQopAnswerServesOneInviteOnly() throws Exception {
        startRecording("{banAfterFailures: 5, failureWindow: 1m, banDuration: 15m, allowDigestWithoutQop: true}");
        Phone phone = phone("1001", "pw1001", PHONE_HOST);
        SipRequest first = withCredentials(phone, phone.invite("9001", "1001"), true);
        assertThat(phone.plain(first).status()).isEqualTo(480);
        String captured = first.headers().first("Proxy-Authorization").orElseThrow();
        assertThat(captured).doesNotContain("qop");

        for (int i = 0; i < 3; i++) {
            SipResponse replay = phone.plain(phone.invite("9001", "1001").toBuilder()
                    .header("Proxy-Authorization", captured).build());
            assertThat(replay.status()).as("replay %d", i + 1).isEqualTo(407);
        }

        assertThat(recordedCalls.invites).hasSize(1);
    }

    /** {@code invite} with Proxy-Authorization answering a fresh 407, as a phone with or without qop support would. */
    private SipRequest withCredentials(Phone phone, SipRequest invite, boolean withoutQop) {
        SipResponse challenge = phone.plain(invite);
        assertThat(challenge.status()).isEqualTo(407);
        List<AuthHeader> offered = challenge.proxyAuthenticate();
        if (withoutQop) {
            offered = offered.stream().map(h -> {
                Map<String, String> params = new LinkedHashMap<>(h.params());
                params.remove("qop");
                return new AuthHeader(h.scheme(), params);
            }).toList();
        }
        DigestClient account = DigestClient.withPassword(phone.user, "pw" + phone.user, new SplittableRandom(11));
        AuthHeader answer = ((DigestClient.Answer.Authorization) account.answer(offered, "INVITE",
                invite.requestUri().toString())).header();
        return phone.invite("9001", phone.user).toBuilder().header("Proxy-Authorization", answer.toString()).build();
    }

    private List<Event> loggedEvents() {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    /** A bare UDP socket that writes SIP text and reads whatever comes back. */
    private static final class RawUdp implements AutoCloseable {

        private final DatagramSocket socket;
        private final InetSocketAddress gateway;

        RawUdp(String host, InetSocketAddress gateway) throws Exception {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
            this.socket.setSoTimeout((int) WAIT.toMillis());
            this.gateway = gateway;
        }

        String register(String user, int cseq, String authorization) {
            String host = socket.getLocalAddress().getHostAddress();
            int port = socket.getLocalPort();
            String aor = "sip:" + user + "@" + TestSites.REALM;
            return "REGISTER sip:" + TestSites.REALM + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK-raw-" + port + "-" + cseq + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <" + aor + ">;tag=raw" + port + "\r\n"
                    + "To: <" + aor + ">\r\n"
                    + "Call-ID: raw-" + port + "@" + host + "\r\n"
                    + "CSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + user + "@" + host + ":" + port + ">\r\n"
                    + "Expires: 600\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: 0\r\n\r\n";
        }

        void send(String text) throws Exception {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, gateway));
        }

        SipResponse receive() throws Exception {
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            ParseResult r = new SipParser().parse(buffer, 0, packet.getLength());
            assertThat(r).isInstanceOf(ParseResult.Ok.class);
            return (SipResponse) ((ParseResult.Ok) r).message();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
