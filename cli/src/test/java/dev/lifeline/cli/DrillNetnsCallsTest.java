package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.netns.Preflight;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound calls in the kernel-level lab, as root: callers (baresip) on the provider's side dial
 * the site's DIDs through Kamailio while wan1 is cut by an nft drop; three baresip phones (1001–1003,
 * each on its own LAN address) answer. Skipped (with the reason) where the lab cannot run.
 */
class DrillNetnsCallsTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @TempDir
    Path tmp;

    @BeforeAll
    static void kernelLabAvailable() {
        var problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    @Test
    void inboundCallsDuringASilentCutAreDeliveredWithTheirCallerIdAndNoneIsDropped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int code = cl.execute("drill", "--netns", "--scenario", "inbound-during-failover", "--config", EXAMPLE.toString(),
                "--out", tmp.toString());

        JsonNode report = new ObjectMapper().readTree(tmp.resolve("report.json").toFile());
        JsonNode s = report.get("scenarios").get(0);
        assertThat(code).as("exit status; output:%n%s%n%s%nreport: %s", out, err, s).isZero();
        assertThat(s.get("verdict").asText()).isEqualTo("pass");
        Map<String, String> measured = new HashMap<>();
        s.get("slos").forEach(l -> measured.put(l.get("name").asText(), l.get("measured").asText()));
        assertThat(measured).containsKeys("inbound delivered", "caller ID wrong", "calls dropped", "audio gap",
                "registration recovery", "inbound calls attempted as planned");
        assertThat(measured.get("inbound delivered")).startsWith("4 ").contains("lan.pcap");
        assertThat(measured.get("calls dropped")).startsWith("0 ").contains("lan.pcap");
        assertThat(measured.get("inbound calls attempted as planned")).contains("wan1.pcap");
        assertThat(s.get("metrics").get("one_way_audio_calls").asDouble()).isZero();
        assertThat(s.get("events").toString()).contains("caller ID as presented to the phone");
        assertThat(tmp.resolve("netns").resolve("inbound-during-failover").resolve("lan.pcap")).isNotEmptyFile();
        String mine = "lifeline-" + ProcessHandle.current().pid() + "-";
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        assertThat(new String(list.getInputStream().readAllBytes())).as("namespaces left behind (phones' too)")
                .doesNotContain(mine);
    }
}
