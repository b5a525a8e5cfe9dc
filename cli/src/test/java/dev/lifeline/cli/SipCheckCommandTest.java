package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SipCheckCommandTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

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
    void validExamplesExitZeroWithStartLineAndCallId() {
        int code = run("sip", "check", EXAMPLES.resolve("register.sip").toString(),
                EXAMPLES.resolve("invite.sip").toString());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("register.sip: valid")
                .contains("REGISTER sip:branch1.example.com SIP/2.0")
                .contains("Call-ID: 1937560187@192.0.2.41")
                .contains("INVITE sip:+15550100@provider.example.net SIP/2.0");
    }

    @Test
    void invalidMessageExitsOneAndSaysWhy() {
        int code = run("sip", "check", EXAMPLES.resolve("register.sip").toString(),
                EXAMPLES.resolve("invalid/content-length-too-large.sip").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("content-length-too-large.sip: INVALID")
                .containsIgnoringCase("content-length")
                .contains("Call-ID: 3848276298220188511@192.0.2.41");
    }

    @Test
    void jsonVerdictPerFile() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.sip"), "hello\r\n\r\n", StandardCharsets.US_ASCII);

        int code = run("sip", "check", "--json", EXAMPLES.resolve("options.sip").toString(), garbage.toString());

        assertThat(code).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("valid").asInt()).isEqualTo(1);
        assertThat(doc.get("invalid").asInt()).isEqualTo(1);
        assertThat(doc.get("files").get(0).get("verdict").asText()).isEqualTo("valid");
        assertThat(doc.get("files").get(0).get("callId").asText()).isEqualTo("a84b4c76e66710@198.51.100.7");
        assertThat(doc.get("files").get(1).get("reason").asText()).isNotBlank();
    }

    @Test
    void missingFileIsAUsageErrorWithoutStackTrace() {
        int code = run("sip", "check", tmp.resolve("nope.sip").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("no such file").doesNotContain("Exception");
    }

    @Test
    void noArgumentsIsAUsageError() {
        int code = run("sip", "check");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter").contains("--help");
    }

    @Test
    void rfc4475TortureMessagesAllGetAVerdict() throws Exception {
        Path dir = Path.of("..", "sip", "src", "test", "resources", "rfc4475");
        try (var files = Files.list(dir)) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("sip", "check", "--json"),
                    files.filter(p -> p.toString().endsWith(".dat")).map(Path::toString)).toArray(String[]::new);
            int code = run(args);
            assertThat(code).isEqualTo(1);
            JsonNode doc = new ObjectMapper().readTree(out.toString());
            assertThat(doc.get("valid").asInt() + doc.get("invalid").asInt()).isEqualTo(49);
        }
    }
}
