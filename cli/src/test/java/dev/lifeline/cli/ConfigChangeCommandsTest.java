package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifeline config apply / history / diff / rollback} and SIGHUP against a gateway running in this JVM. */
class ConfigChangeCommandsTest {

    private static final String SITE = """
            site: {name: CLI change site, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:SIP_PORT}
            extensions:
              - {number: 1001, name: Reception, password: pw1001}
            dialPlan:
              emergency: [911]
            registrar: {realm: cli.test}
            storage: STORAGE
            admin: {listen: 127.0.0.1:ADMIN_PORT}
            """;
    private static final String EXTENSION_1002 = "  - {number: 1002, name: Front desk, password: pw1002}\n";

    @TempDir
    Path tmp;
    Gateway gateway;
    Path siteFile;
    String site;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        site = SITE.replace("SIP_PORT", Integer.toString(freePort())).replace("ADMIN_PORT", Integer.toString(freePort()))
                .replace("STORAGE", tmp.resolve("data").toString());
        siteFile = tmp.resolve("site.yaml");
        Files.writeString(siteFile, site);
        gateway = Gateway.start(SiteConfigLoader.load(siteFile));
        gateway.changes().adopt(site, siteFile.toString());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

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
        throw new IllegalStateException("no free port after 20 tries");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private String withExtension1002() {
        return site.replace("password: pw1001}\n", "password: pw1001}\n" + EXTENSION_1002);
    }

    @Test
    void applyWaitsForTheGatesThenHistoryDiffAndRollbackShowAndUndoIt() throws Exception {
        Path next = write("new.yaml", withExtension1002());

        int applied = run("config", "apply", next.toString(), "--gates", "300ms", "--wait", "--config", siteFile.toString());

        assertThat(applied).as(err.toString()).isZero();
        assertThat(out.toString()).contains("applied version 2 (changed: extensions); health gates watch it until ",
                "version 2 kept (active)");
        assertThat(gateway.config().extension("1002")).isPresent();

        assertThat(run("config", "history", "--config", siteFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("VERSION", "SHA-256", "  1 ", "superseded", "* 2 ", "active", " via lifeline config apply");

        assertThat(run("config", "diff", "1", "2", "--config", siteFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("--- version 1\n+++ version 2\n")
                .contains("\n+  - {number: 1002, name: Front desk, password: ***}\n").doesNotContain("pw100");

        assertThat(run("config", "rollback", "--config", siteFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("version 2 rolled back; version 1 is in force\n");
        assertThat(gateway.config().extension("1002")).isEmpty();
    }

    @Test
    void aChangeNotConfirmedInTimeIsReportedRolledBack() throws Exception {
        Path next = write("new.yaml", withExtension1002());

        int code = run("config", "apply", next.toString(), "--gates", "300ms", "--confirm-within", "1s", "--wait",
                "--config", siteFile.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("confirm with `lifeline config confirm` before ");
        assertThat(err.toString()).isEqualTo("lifeline: version 2 was rolled back: not confirmed within 1 s"
                + " (lifeline config confirm)\n");
    }

    @Test
    void badYamlIsReportedWithFileLineAndFieldAndNothingIsSent() throws Exception {
        Path next = write("broken.yaml", withExtension1002().replace("{number: 1002,", "{number: 10x2,"));

        int code = run("config", "apply", next.toString(), "--config", siteFile.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains(next + ":6:", "extensions[1].number", "nothing was sent to the gateway");
        assertThat(gateway.changes().history()).hasSize(1);
    }

    @Test
    void aRestartOnlyChangeIsRefusedNamingTheField() throws Exception {
        Path next = write("moved.yaml", withExtension1002().replaceFirst("address: 127.0.0.1:\\d+", "address: 127.0.0.2:5060"));

        int code = run("config", "apply", next.toString(), "--config", siteFile.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("lifeline: not applied: needs a restart: listen[0].address");
        assertThat(gateway.config().extension("1002")).isEmpty();
    }

    @Test
    void sighupReReadsTheSiteFileAndAppliesIt() throws Exception {
        // A gateway of its own in a child JVM, as `lifeline gateway run` runs on a site: the signal
        // goes to that process only, whatever this test JVM's other tests did to its signal state.
        Path childDir = Files.createDirectories(tmp.resolve("child"));
        String childSite = SITE.replace("SIP_PORT", Integer.toString(freePort()))
                .replace("ADMIN_PORT", Integer.toString(freePort())).replace("STORAGE", childDir.resolve("data").toString());
        Path childFile = Files.writeString(childDir.resolve("site.yaml"), childSite);
        Path log = childDir.resolve("gateway.log");
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gateway", "run", "--config", childFile.toString())
                .directory(childDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("running") || !child.isAlive());
            assertThat(Files.readString(log)).as("the child gateway started").contains("running");
            String withExtension = childSite.replace("  - {number: 1001, name: Reception, password: pw1001}\n",
                    "  - {number: 1001, name: Reception, password: pw1001}\n" + EXTENSION_1002);
            assertThat(withExtension).contains("1002");
            Files.writeString(childFile, withExtension);

            new ProcessBuilder("kill", "-HUP", Long.toString(child.pid())).inheritIO().start().waitFor();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(Files.readString(log))
                    .contains("SIGHUP: applied " + childFile + " as version 2 (changed: extensions)"));
            assertThat(child.isAlive()).as("the gateway keeps running after SIGHUP").isTrue();
        } finally {
            child.destroy();
            if (!child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void installWritesTheKeptVersionOverTheSiteFileSoThatSighupKeepsIt() throws Exception {
        Path next = write("new.yaml", withExtension1002());

        int code = run("config", "apply", next.toString(), "--gates", "300ms", "--install", "--config", siteFile.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("version 2 kept (active)", "installed " + next + " as " + siteFile);
        assertThat(Files.readString(siteFile)).isEqualTo(withExtension1002());
        assertThat(run("config", "apply", siteFile.toString(), "--config", siteFile.toString())).isZero();
        assertThat(out.toString()).contains("is the version in force (2); nothing to apply");
    }
}
