package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifeline status} and {@code lifeline events} against a gateway running in this JVM; {@code gateway run} refusing a bad file. */
class AdminCommandsTest {

    static final String SITE = """
            site: {name: CLI test site, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, password: pw1001}
            dialPlan:
              emergency: [911]
            registrar: {realm: cli.test}
            """;

    @TempDir
    Path tmp;
    Gateway gateway;
    String adminUrl;
    String tokenFile;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("cli-test.yaml", SITE);
        HostPort ephemeral = new HostPort("127.0.0.1", OptionalInt.of(0));
        gateway = Gateway.start(new SiteConfig(c.site(), List.of(new Listener(c.listen().get(0).transport(), ephemeral,
                Optional.empty())), c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(), c.paths(), c.failover(),
                c.registrar(), c.security(), tmp.resolve("data"), new AdminSettings(ephemeral, Optional.empty(), Optional.empty()),
                c.media(), c.signalling()));
        adminUrl = gateway.adminUri().toString();
        tokenFile = gateway.adminTokenFile().orElseThrow().toString();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private void registerPhone() throws Exception {
        try (SipStack phone = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))),
                r -> { })) {
            SipUri aor = SipUri.parse("sip:1001@cli.test");
            SipRequest register = SipRequest.builder("REGISTER", SipUri.parse("sip:cli.test"))
                    .from(NameAddress.of(aor).withTag("t1")).to(NameAddress.of(aor))
                    .callId(phone.tokens().callId("127.0.0.1")).cseq(new CSeq(1, "REGISTER"))
                    .contact(Contact.of(NameAddress.of(phone.localUri("1001", Transport.UDP))))
                    .header("Expires", "600").build();
            int status = phone.requestWithAuth(register, Target.of(Transport.UDP, gateway.listenPoints().get(0).address()),
                    DigestClient.withPassword("1001", "pw1001", new SplittableRandom(1))).toCompletableFuture().join().status();
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void statusPrintsTheSiteAndItsRegistrations() throws Exception {
        registerPhone();

        int code = run("status", "--admin", adminUrl, "--token-file", tokenFile);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Site           CLI test site", "SIP            udp 127.0.0.1:",
                "Registrations  1", "EXT   TRANSPORT", "1001  udp        127.0.0.1:", "(no trunks running)", "(no active calls)");
    }

    @Test
    void statusReadsTheAdminAddressAndTokenFromTheConfig() throws Exception {
        int port = gateway.adminUri().getPort();
        Path config = tmp.resolve("site.yaml");
        Files.writeString(config, SITE + "storage: " + tmp.resolve("data") + "\nadmin: {listen: 127.0.0.1:" + port + "}\n");

        int code = run("status", "--config", config.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("CLI test site");
    }

    @Test
    void eventsSinceTenMinutesListsTheStartAndTheBinding() throws Exception {
        registerPhone();
        gateway.events().flush().join();

        int code = run("events", "--since", "10m", "--admin", adminUrl, "--token-file", tokenFile);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("TIME", "GatewayStarted", "site=CLI test site", "BindingSaved", "aor=1001");
    }

    @Test
    void controlCharactersSentByAPhoneArePrintedAsEscapesNotToTheTerminal() throws Exception {
        // What a scanner sends as its user name and User-Agent: clear the screen, retitle the window.
        String evil = "\u001b[2J\u001b]0;owned\u0007";
        gateway.events().append(new Event.RegistrationRejected(Instant.now(), evil, Transport.UDP,
                new InetSocketAddress("203.0.113.9", 5060), 403, "User-Agent: " + evil + " \u009b31m")).join();

        int code = run("events", "--since", "10m", "--admin", adminUrl, "--token-file", tokenFile);
        int json = run("events", "--since", "10m", "--json", "--admin", adminUrl, "--token-file", tokenFile);

        assertThat(code).as(err.toString()).isZero();
        assertThat(json).isZero();
        assertThat(out.toString()).doesNotContain("\u001b", "\u0007", "\u009b")
                .contains("aor=\\x1b[2J\\x1b]0;owned\\x07", "\\u009b31m")
                .containsIgnoringCase("\\u001b[2J");
    }

    @Test
    void repeatedRefusalsShowAsOneRowWithTheirCount() throws Exception {
        Instant t = Instant.now();
        for (int i = 0; i < 500; i++) {
            gateway.events().accept(new Event.RegistrationRejected(t.plusMillis(i), "1001", Transport.UDP,
                    new InetSocketAddress("203.0.113.9", 5060 + i), 403, "wrong password"));
        }
        gateway.events().flush().join();

        int code = run("events", "--since", "10m", "--admin", adminUrl, "--token-file", tokenFile);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("RegistrationRejected  [500 times until ").containsOnlyOnce("RegistrationRejected");
    }

    @Test
    void eventsAsJson() {
        int code = run("events", "--since", "10m", "--json", "--admin", adminUrl, "--token-file", tokenFile);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"events\"", "\"type\" : \"GatewayStarted\"");
    }

    @Test
    void noGatewayAnsweringSaysSoAndExitsTwo() throws Exception {
        try (java.net.Socket refusing = new java.net.Socket()) {
            // held bound but not listening for the whole test, so connects are refused
            refusing.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int port = refusing.getLocalPort();

            int code = run("status", "--admin", "http://127.0.0.1:" + port, "--token-file", tokenFile);

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("no gateway answering at http://127.0.0.1:" + port
                    + " (is `lifeline gateway run` running?)");
        }
    }

    @Test
    void aWrongTokenIsReportedNotShown() throws Exception {
        Path wrong = tmp.resolve("wrong.token");
        Files.writeString(wrong, "0123456789abcdef");

        int code = run("status", "--admin", adminUrl, "--token-file", wrong.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("refused the admin token").doesNotContain("0123456789abcdef");
    }

    @Test
    void gatewayRunWithABrokenConfigListsTheProblemsAndExitsTwo() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, """
                site: {name: Broken, countryCode: "+1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:99999}
                extensions:
                  - {number: 1001, password: a}
                dialPlan:
                  emergency: [911]
                """);

        int code = run("gateway", "run", "--config", broken.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(broken + ":1:", "countryCode", broken + ":3:", "99999",
                "2 problems; the gateway was not started");
    }
}
