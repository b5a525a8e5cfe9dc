package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lifeline drill --site}: input problems in one line each, and nothing happens unless confirmed. */
class SiteDrillCommandTest {

    private static final String SITE = """
            site: {name: Test, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, password: pw1001}
            dids:
              "+15550100": 1001
            dialPlan:
              emergency: [911]
            paths:
              - {name: wan1, bind: 127.0.0.11, priority: 1}
            admin:
              token: 0123456789abcdef0123456789abcdef
              faultInjection: true
            """;

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aBadDrillSectionNamesFileLineAndField() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), SITE + """
                drill:
                  testExtension: 1001
                  testPassword: pw1001
                  testNumber: echo-test
                """);

        int code = run("drill", "--site", "--yes", "--config", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith(file + ":18:").contains("drill.testNumber").contains("\"echo-test\" is not a number"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aSiteWithoutDrillSectionSaysWhatToAdd() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), SITE);

        int code = run("drill", "--site", "--yes", "--config", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("has no drill: section").doesNotContain("Exception");
    }

    @Test
    void printsThePlanAndDoesNothingUnlessConfirmed() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), SITE + """
                drill: {testExtension: 1001, testPassword: pw1001, testNumber: "+18005550199", did: "+15550100"}
                """);
        PrintWriter o = new PrintWriter(out, true);

        int code = SiteDrillRun.run(SiteConfigLoader.load(file), file, tmp.resolve("report"), false,
                new BufferedReader(new StringReader("n\n")), o, new PrintWriter(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("path cut: call +18005550199").contains("for 20 s")
                .contains("Run it now? [y/N]").contains("not started; nothing was changed")
                .doesNotContain("pw1001");
        assertThat(tmp.resolve("report")).doesNotExist();
    }

    @Test
    void restartWithoutARestartCommandSaysWhichKeyToSet() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), SITE + """
                drill: {testExtension: 1001, testPassword: pw1001, testNumber: "+18005550199"}
                """);

        int code = run("drill", "--site", "--restart", "--yes", "--config", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("--restart needs drill.restartCommand").contains(file.toString()));
        assertThat(out.toString()).isEmpty();
        assertThat(run("drill", "--restart", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("use it with --site");
    }

    @Test
    void thePlanWithRestartSaysItRestartsTheGatewayAndDropsCalls() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), SITE + """
                drill: {testExtension: 1001, testPassword: pw1001, testNumber: "+18005550199",
                        restartCommand: systemctl restart lifeline}
                """);
        PrintWriter o = new PrintWriter(out, true);

        int code = SiteDrillRun.run(SiteConfigLoader.load(file), file, tmp.resolve("report"), false, true,
                new BufferedReader(new StringReader("n\n")), o, new PrintWriter(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("RESTART THE GATEWAY by running `systemctl restart lifeline`")
                .contains("every call in progress at the site is dropped")
                .contains("not started; nothing was changed");
        assertThat(tmp.resolve("report")).doesNotExist();
    }
}
