package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QosPlanCommandTest {

    private static final String EXAMPLE = Path.of("..", "examples", "site.yaml").toString();

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
    void prints_the_rules_the_shaping_and_the_arithmetic() {
        int code = run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "100mbit", "--path", "wan1");

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("table inet lifeline_qos {")
                .contains("ip saddr @gateway_v4 udp sport 10000-20000 ip dscp set ef accept")
                .contains("ip saddr @gateway_v4 udp sport 5060 ip dscp set cs3 accept")
                .contains("ip saddr @gateway_v4 tcp sport 5060 ip dscp set cs3 accept")
                .contains("root cake bandwidth 19000kbit diffserv4 nat")
                .contains("# ---- shaping for path wan1")
                .doesNotContain("shaping for path wan2")
                .contains("87.2")
                .containsPattern("# wan1 +G\\.711 20 ms +19000 +95000 +4750 +23750 +54 +272 +54");
    }

    @Test
    void writes_the_files_when_asked() throws Exception {
        Path dir = tmp.resolve("plan");
        int code = run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "100mbit",
                "--shaper", "htb", "--out", dir.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("lifeline-qos.nft"))).startsWith("#!/usr/sbin/nft -f");
        assertThat(Files.readString(dir.resolve("shape-wan2.sh"))).contains("htb").contains("fq_codel");
        assertThat(Files.isExecutable(dir.resolve("shape-wan1.sh"))).isTrue();
        assertThat(Files.readString(dir.resolve("qos-plan.txt"))).contains("Calls each path carries");
    }

    @Test
    void a_rate_in_bytes_per_second_is_one_line_and_exit_two() {
        int code = run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbps", "--downlink", "100mbit");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly("lifeline: qos plan: --uplink: '20mbps' is not a link rate "
                + "('bps' is ambiguous: tc reads it as bytes per second); expected a number and a unit in bits per "
                + "second: 512kbit, 20mbit, 1gbit");
    }

    @Test
    void a_negative_rate_an_unknown_path_and_a_bad_share_are_one_line_each() {
        assertThat(run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "-1")).isEqualTo(2);
        assertThat(run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "1gbit", "--path", "lte"))
                .isEqualTo(2);
        assertThat(run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "1gbit",
                "--voice-share", "150%")).isEqualTo(2);
        assertThat(run("qos", "plan", "--config", EXAMPLE, "--uplink", "20mbit", "--downlink", "1gbit",
                "--codec", "opus")).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                "lifeline: qos plan: --downlink: '-1' is not a link rate (a rate is positive); expected a number "
                        + "and a unit in bits per second: 512kbit, 20mbit, 1gbit",
                "lifeline: qos plan: --path: the site has no path 'lte'; its paths are wan1, wan2",
                "lifeline: qos plan: the voice share must lie in (0 %, 100 %], was 150.0 %",
                "lifeline: qos plan: --codec: 'opus' is not a codec the plan knows; expected one of pcmu, pcma, g711, "
                        + "g722, g729, gsm");
        assertThat(out.toString()).isEmpty();
    }
}
