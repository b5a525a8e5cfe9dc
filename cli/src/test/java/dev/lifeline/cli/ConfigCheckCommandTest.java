package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCheckCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

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
    void exampleIsValidAndSummarised() {
        int code = run("config", "check", EXAMPLE.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(EXAMPLE + ": OK — site 'Example branch', 10 extensions, 1 group,"
                + " 2 DIDs, 1 trunk, 2 paths" + System.lineSeparator());
    }

    @Test
    void everyProblemOnItsOwnLineAndExitOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("site.yaml"), """
                site: {name: Test, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                  - number: 1001
                    pasword: pw1001
                  - number: 10a1
                    password: pw1002
                dialPlan:
                  emergency: [911]
                """);

        int code = run("config", "check", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().lines()).containsExactly(
                file + ":6:5: extensions[0].pasword: unknown field 'pasword'; did you mean 'password'?",
                file + ":7:13: extensions[1].number: \"10a1\" is not a number; expected digits, e.g. 1003",
                file + ": 2 problems");
        assertThat(out.toString()).doesNotContain("pw100");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void yamlSyntaxErrorIsAProblemNotAStackTrace() throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.yaml"), "site: {name: \"x}\n");

        int code = run("config", "check", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains(file + ":2:1: YAML syntax:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsAUsageErrorWithoutStackTrace() {
        int code = run("config", "check", tmp.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("no such file").doesNotContain("Exception");
    }

    @Test
    void directoryIsUnreadableNotInvalid() {
        int code = run("config", "check", tmp.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").doesNotContain("Exception");
    }

    @Test
    void noFileIsAUsageError() {
        int code = run("config", "check");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter").contains("--help");
    }
}
