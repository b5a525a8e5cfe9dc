package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.Event.AuthenticationFailed;
import dev.lifeline.gateway.events.Event.SourceBanned;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SipTimeoutException;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over real sockets on 127.0.0.1: registration, authentication, bans, calls reaching the handler, admin API. */
class GatewaySocketTest {

    @TempDir
    java.nio.file.Path storage;
    final RecordingCallHandler calls = new RecordingCallHandler();
    final List<AutoCloseable> open = new ArrayList<>();
    Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.start(TestSites.config(storage), GatewayPlugins.DEFAULT.withCalls((ctx, trunks) -> calls));
        open.add(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Phone phone(String user, String password, Transport transport) throws Exception {
        Phone p = Phone.on(gateway, user, password, transport);
        open.add(p);
        return p;
    }

    List<Event> loggedEvents() {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    @Test
    void aPhoneRegistersWithDigestAndTheBindingIsListed() throws Exception {
        Phone phone = phone("1001", "pw1001", Transport.UDP);

        assertThat(phone.plain(phone.register(600)).status()).isEqualTo(401);
        SipResponse ok = phone.withAuth(phone.register(600));

        assertThat(ok.status()).isEqualTo(200);
        JsonNode regs = AdminClient.of(gateway).get("/api/registrations").body().get("registrations");
        assertThat(regs).hasSize(1);
        assertThat(regs.get(0).get("aor").asText()).isEqualTo("1001");
        assertThat(regs.get(0).get("transport").asText()).isEqualTo("udp");
        assertThat(regs.get(0).get("source").asText()).startsWith("127.0.0.1:");
        assertThat(regs.get(0).get("contact").asText()).isEqualTo(phone.contact().toString());
    }

    @Test
    void eventsSinceTenMinutesShowTheStartAndTheBinding() throws Exception {
        Phone phone = phone("1002", "pw1002", Transport.TCP);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        gateway.events().flush().join();

        AdminClient.Reply reply = AdminClient.of(gateway).get("/api/events?since=10m");

        assertThat(reply.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        reply.body().get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsSubsequence("GatewayStarted", "BindingSaved");
        JsonNode saved = reply.body().get("events").get(types.indexOf("BindingSaved")).get("event");
        assertThat(saved.get("aor").asText()).isEqualTo("1002");
        assertThat(saved.get("transport").asText()).isEqualTo("TCP");
    }

    @Test
    void statusCountsRegistrationsAndNamesListenPoints() throws Exception {
        Phone phone = phone("1001", "pw1001", Transport.UDP);
        phone.withAuth(phone.register(600));

        JsonNode status = AdminClient.of(gateway).get("/api/status").body();

        assertThat(status.get("site").asText()).isEqualTo("Test site");
        assertThat(status.get("registrations").asInt()).isEqualTo(1);
        assertThat(status.get("activeCalls").asInt()).isZero();
        assertThat(status.get("trunks")).isEmpty();
        assertThat(status.get("listen").toString()).contains("udp 127.0.0.1:", "tcp 127.0.0.1:");
        assertThat(status.get("transport").get("messagesReceived").asLong()).isPositive();
        assertThat(status.toString()).doesNotContain("pw1001");
    }

    @Test
    void fiveWrongPasswordsBanTheSourceWhichIsThenIgnored() throws Exception {
        Phone guesser = phone("1001", "guess", Transport.UDP);
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.withAuth(guesser.register(600)).status()).as("attempt %d", i + 1).isEqualTo(403);
        }

        assertThat(loggedEvents()).filteredOn(SourceBanned.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((SourceBanned) e).source()).isEqualTo(InetAddress.getByName("127.0.0.1")));
        // The five refusals from one source fold into one row that counts them.
        assertThat(gateway.events().since(Instant.EPOCH)).filteredOn(e -> e.event() instanceof Event.RegistrationRejected)
                .singleElement().satisfies(e -> assertThat(e.occurrences()).isEqualTo(5));
        // Banned: even a right password from that address gets no answer at all.
        Phone honest = phone("1002", "pw1002", Transport.UDP);
        assertThatThrownBy(() -> honest.plain(honest.register(600)))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SipTimeoutException.class);
        assertThat(gateway.bans().dropped()).isPositive();
    }

    @Test
    void anInviteIsChallengedThenReachesTheCallHandlerAsTheExtension() throws Exception {
        Phone phone = phone("1001", "pw1001", Transport.UDP);

        SipResponse challenge = phone.plain(phone.invite("1002", "1001"));
        assertThat(challenge.status()).isEqualTo(407);
        assertThat(challenge.proxyAuthenticate()).isNotEmpty();
        assertThat(calls.invites).isEmpty();

        SipResponse answered = phone.withAuth(phone.invite("1002", "1001"));

        assertThat(answered.status()).isEqualTo(480);
        assertThat(calls.invites).singleElement()
                .satisfies(i -> assertThat(i.caller()).isEqualTo(new Caller.Extension("1001")));
    }

    @Test
    void aPhoneCannotCallAsAnotherExtension() throws Exception {
        Phone phone = phone("1001", "pw1001", Transport.UDP);

        SipResponse r = phone.withAuth(phone.invite("9911", "1002"));

        assertThat(r.status()).isEqualTo(403);
        assertThat(calls.invites).isEmpty();
        assertThat(loggedEvents()).filteredOn(AuthenticationFailed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AuthenticationFailed) e).reason()).contains("From user '1002'"));
    }

    @Test
    void aWrongPasswordOnAnInviteIsForbiddenAndCounted() throws Exception {
        Phone phone = phone("1001", "nope", Transport.TCP);

        assertThat(phone.withAuth(phone.invite("1002", "1001")).status()).isEqualTo(403);

        assertThat(gateway.edge().authFailures()).isEqualTo(1);
        assertThat(calls.invites).isEmpty();
    }

    @Test
    void optionsIsAnsweredWithoutAChallengeAndUnknownMethodsGet405() throws Exception {
        Phone phone = phone("1003", "pw1003", Transport.UDP);
        var uri = dev.lifeline.sip.uri.SipUri.parse("sip:" + TestSites.REALM);

        SipResponse options = phone.plain(phone.request("OPTIONS", uri, "1003", uri));
        SipResponse message = phone.plain(phone.request("MESSAGE", uri, "1003", uri));
        SipResponse bye = phone.plain(phone.request("BYE", uri, "1003", uri));

        assertThat(options.status()).isEqualTo(200);
        assertThat(message.status()).isEqualTo(405);
        assertThat(message.headers().first("Allow")).hasValueSatisfying(a -> assertThat(a).contains("INVITE", "REGISTER"));
        assertThat(bye.status()).isEqualTo(481);
    }

    @Test
    void theAdminApiRefusesRequestsWithoutTheToken() throws Exception {
        AdminClient admin = AdminClient.of(gateway);

        AdminClient.Reply none = admin.get("/api/status", null);
        AdminClient.Reply wrong = admin.get("/api/status", "not-the-token");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().get("error").asText()).contains("token");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(admin.get("/api/events?since=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/api/nothing").status()).isEqualTo(404);
    }

    @Test
    void theGeneratedTokenFileIsPrivate() throws Exception {
        java.nio.file.Path file = gateway.adminTokenFile().orElseThrow();

        assertThat(file).isEqualTo(storage.resolve(Gateway.ADMIN_TOKEN_FILE));
        assertThat(java.nio.file.Files.readString(file).strip()).matches("[0-9a-f]{64}");
        assertThat(java.nio.file.Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void restartKeepsTheRegistration() throws Exception {
        Phone phone = phone("1001", "pw1001", Transport.UDP);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
        String registeredAt = AdminClient.of(gateway).get("/api/registrations").body().get("registrations").get(0)
                .get("registeredAt").asText();
        Instant closed = Instant.now();
        gateway.close();

        Gateway again = Gateway.start(TestSites.config(storage));
        open.add(again);

        assertThat(again.locations().all(Instant.now())).extracting(b -> b.aor()).containsExactly("1001");
        JsonNode regs = AdminClient.of(again).get("/api/registrations").body().get("registrations");
        assertThat(regs).hasSize(1);
        // The phone did not register again: the binding still says when it did, before the restart.
        assertThat(regs.get(0).get("registeredAt").asText()).isEqualTo(registeredAt);
        assertThat(Instant.parse(registeredAt)).isBeforeOrEqualTo(closed);
        assertThat(loggedEventsOf(again)).extracting(Event::type)
                .containsSubsequence("GatewayStarted", "BindingSaved", "GatewayStopping", "GatewayStarted");
    }

    private static List<Event> loggedEventsOf(Gateway g) {
        g.events().flush().join();
        return g.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    @Test
    void keepalivesReachARegisteredPhoneEveryInterval() throws Exception {
        gateway.close();
        gateway = Gateway.start(TestSites.withKeepalive(TestSites.config(storage), Duration.ofSeconds(1),
                dev.lifeline.gateway.config.KeepaliveMethod.OPTIONS));
        open.add(gateway);
        Phone phone = phone("1001", "pw1001", Transport.UDP);
        assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> phone.keepalivesAt.size() >= 2);
        assertThat(phone.received).filteredOn(r -> r.method().equals("OPTIONS"))
                .allSatisfy(r -> assertThat(r.request().requestUri().toString()).isEqualTo(phone.contact().toString()));
    }
}
