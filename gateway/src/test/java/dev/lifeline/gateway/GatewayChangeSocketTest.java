package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.gateway.change.Sites;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.transport.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change control on a real gateway over sockets on 127.0.0.1: versions applied through the
 * admin API while phones are registered and a call is up, kept or undone by the health gates
 * and the confirmation window.
 */
class GatewayChangeSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path storage;
    final List<AutoCloseable> open = new ArrayList<>();
    Gateway gateway;
    AdminClient admin;
    String base;

    @BeforeEach
    void start() throws Exception {
        base = Sites.base(storage, freePort(), freePort());
        gateway = Gateway.start(SiteConfigLoader.parse("site.yaml", base));
        open.add(gateway);
        gateway.changes().adopt(base, "site.yaml");
        admin = AdminClient.of(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A port free for both UDP and TCP on 127.0.0.1 now (the SIP listener takes both). */
    private static int freePort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (java.net.SocketException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no port free for UDP and TCP after 20 tries");
    }

    private Phone registered(String user, String password) throws Exception {
        Phone p = Phone.on(gateway, user, password, Transport.UDP);
        open.add(p);
        assertThat(p.withAuth(p.register(600)).status()).as("REGISTER of %s", user).isEqualTo(200);
        return p;
    }

    private AdminClient.Reply apply(String yaml, Map<String, Object> options) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(options);
        body.put("yaml", yaml);
        body.put("source", "new.yaml");
        body.put("who", "tester via test");
        return admin.post("/api/config/apply", JSON.writeValueAsString(body));
    }

    private List<Event> events() {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    private <T extends Event> T awaitEvent(Class<T> type) {
        await().atMost(WAIT).until(() -> events().stream().anyMatch(type::isInstance));
        return events().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** An answered call from {@code caller} to {@code callee} through the gateway's B2BUA; returns the caller's dialog. */
    private Call call(Phone caller, Phone callee) throws Exception {
        SipRequest invite = caller.invite(callee.user, caller.user).toBuilder()
                .body("application/sdp", sdp(caller.user, 40000)).build();
        var result = caller.stack.requestWithAuth(invite, caller.gateway, caller.account).toCompletableFuture();
        await().atMost(WAIT).until(() -> callee.received.stream().anyMatch(r -> r.method().equals("INVITE")));
        ServerRequest atCallee = callee.received.stream().filter(r -> r.method().equals("INVITE")).findFirst().orElseThrow();
        atCallee.respond(atCallee.response(200, "OK").contact(Contact.of(NameAddress.of(callee.contact())))
                .body("application/sdp", sdp(callee.user, 40002)).build());
        SipResponse ok = result.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ok.status()).isEqualTo(200);
        SipRequest sent = invite.toBuilder().cseq(new CSeq(ok.cseq().number(), "INVITE")).build();
        Dialog dialog = Dialog.asUac(sent, ok);
        caller.stack.sendAck(dialog.ack(sent), caller.gateway);
        return new Call(caller, dialog);
    }

    private record Call(Phone caller, Dialog dialog) {
        SipResponse bye() {
            return caller.stack.requestWithAuth(dialog.bye(), caller.gateway, caller.account).toCompletableFuture().join();
        }
    }

    private static byte[] sdp(String user, int port) {
        return ("v=0\r\no=" + user + " 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private List<String> registeredAors() throws Exception {
        List<String> aors = new ArrayList<>();
        admin.get("/api/registrations").body().get("registrations").forEach(r -> aors.add(r.get("aor").asText()));
        return aors;
    }

    @Test
    void anAppliedExtensionRegistersWhileTheOtherPhonesAndTheCallUpStay() throws Exception {
        Phone reception = registered("1001", "pw1001");
        Phone desk = registered("1002", "pw1002");
        Call up = call(reception, desk);
        Phone stockroom = Phone.on(gateway, "1004", "pw1004", Transport.UDP);
        open.add(stockroom);
        assertThat(stockroom.withAuth(stockroom.register(600)).status()).as("1004 before the change").isEqualTo(403);

        AdminClient.Reply reply = apply(Sites.withExtension1004(base), Map.of("gateSeconds", 1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("version").asInt()).isEqualTo(2);
        assertThat(reply.body().get("changed").toString()).isEqualTo("[\"extensions\"]");
        assertThat(stockroom.withAuth(stockroom.register(600)).status()).as("1004 after the change").isEqualTo(200);
        assertThat(awaitEvent(Event.ConfigConfirmed.class)).satisfies(c -> {
            assertThat(c.version()).isEqualTo(2);
            assertThat(c.by()).isEqualTo("gates");
        });
        assertThat(registeredAors()).containsExactlyInAnyOrder("1001", "1002", "1004");
        assertThat(gateway.calls().activeCalls()).hasSize(1);
        assertThat(up.bye().status()).isEqualTo(200);
        assertThat(events()).noneMatch(Event.ConfigRolledBack.class::isInstance);
    }

    @Test
    void aPasswordChangeThatARegisteredPhoneDoesNotHaveIsRolledBackAndTheCallStays() throws Exception {
        Phone reception = registered("1001", "pw1001");
        Phone desk = registered("1002", "pw1002");
        Call up = call(reception, desk);

        assertThat(apply(base.replace("pw1001", "rotated-secret"), Map.of("gateSeconds", 30)).status()).isEqualTo(200);
        // The phone refreshes with the password it has: refused, and the gate sees it.
        assertThat(reception.withAuth(reception.register(600)).status()).isEqualTo(403);

        Event.ConfigRolledBack rolledBack = awaitEvent(Event.ConfigRolledBack.class);
        assertThat(rolledBack.version()).isEqualTo(2);
        assertThat(rolledBack.restored()).isEqualTo(1);
        assertThat(rolledBack.reason()).isEqualTo("health gate failed: phone 1001 was registered before the change"
                + " and its REGISTER was refused after it (403 wrong password for 1001 (response mismatch))");
        assertThat(reception.withAuth(reception.register(600)).status()).as("old password again").isEqualTo(200);
        assertThat(gateway.calls().activeCalls()).hasSize(1);
        assertThat(up.bye().status()).isEqualTo(200);
        JsonNode history = admin.get("/api/config/history").body();
        assertThat(history.get("active").asInt()).isEqualTo(1);
        assertThat(history.get("versions").get(1).get("status").asText()).isEqualTo("rolled-back");
        assertThat(history.get("versions").get(1).get("reason").asText()).isEqualTo(rolledBack.reason());
    }

    @Test
    void aChangeNotConfirmedInTimeIsRolledBack() throws Exception {
        registered("1001", "pw1001");

        assertThat(apply(Sites.withExtension1004(base), Map.of("gateSeconds", 0.2, "confirmWithinSeconds", 1))
                .body().get("confirmBy").asText()).isNotEmpty();

        Event.ConfigRolledBack rolledBack = awaitEvent(Event.ConfigRolledBack.class);
        assertThat(rolledBack.reason()).isEqualTo("not confirmed within 1 s (lifeline config confirm)");
        Phone stockroom = Phone.on(gateway, "1004", "pw1004", Transport.UDP);
        open.add(stockroom);
        assertThat(stockroom.withAuth(stockroom.register(600)).status()).isEqualTo(403);
        assertThat(registeredAors()).containsExactly("1001");
    }

    @Test
    void aConfirmedChangeIsKept() throws Exception {
        apply(Sites.withExtension1004(base), Map.of("gateSeconds", 0.2, "confirmWithinSeconds", 30));

        AdminClient.Reply confirmed = admin.post("/api/config/confirm", "{\"who\": \"tester\"}");

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(awaitEvent(Event.ConfigConfirmed.class).by()).isEqualTo("operator");
        assertThat(admin.get("/api/config/history").body().get("active").asInt()).isEqualTo(2);
        assertThat(admin.post("/api/config/confirm", "{}").status()).as("nothing left to confirm").isEqualTo(409);
    }

    @Test
    void aRestartOnlyChangeAndBadYamlAreRefusedAndNothingChanges() throws Exception {
        String moved = Sites.withExtension1004(base).replaceFirst("address: 127.0.0.1:\\d+", "address: 127.0.0.2:5060");
        String broken = Sites.withExtension1004(base).replace("{number: 1002,", "{number: 10x2,");

        AdminClient.Reply restart = apply(moved, Map.of());
        AdminClient.Reply invalid = apply(broken, Map.of());

        assertThat(restart.status()).isEqualTo(409);
        assertThat(restart.body().get("error").asText()).startsWith("needs a restart: listen[0].address");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("problems").get(0).asText()).startsWith("new.yaml:7:").contains("extensions[1].number");
        assertThat(admin.get("/api/config/history").body().get("versions")).hasSize(1);
        assertThat(gateway.config().extension("1004")).isEmpty();
        assertThat(events()).noneMatch(e -> e.type().startsWith("Config"));
    }

    @Test
    void historyDiffAndRollbackOverTheAdminApi() throws Exception {
        apply(Sites.withExtension1004(base), Map.of("gateSeconds", 0.2));
        awaitEvent(Event.ConfigConfirmed.class);

        JsonNode history = admin.get("/api/config/history").body();
        JsonNode diff = admin.get("/api/config/diff?from=1&to=2").body();
        AdminClient.Reply rollback = admin.post("/api/config/rollback", "{\"who\": \"tester\"}");

        assertThat(history.get("active").asInt()).isEqualTo(2);
        assertThat(history.get("versions")).extracting(v -> v.get("status").asText()).containsExactly("superseded", "active");
        assertThat(history.get("versions").get(1).get("who").asText()).isEqualTo("tester via test");
        assertThat(history.get("versions").get(1).get("sha256").asText()).hasSize(64);
        assertThat(diff.get("diff").asText()).startsWith("--- version 1\n+++ version 2\n")
                .contains("\n+  - {number: 1004, name: Stockroom, password: ***}\n").doesNotContain("pw100");
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(rollback.body().get("message").asText()).isEqualTo("version 2 rolled back; version 1 is in force");
        assertThat(gateway.config().extension("1004")).isEmpty();
        assertThat(admin.get("/api/config/diff?from=1&to=7").status()).isEqualTo(404);
    }
}
