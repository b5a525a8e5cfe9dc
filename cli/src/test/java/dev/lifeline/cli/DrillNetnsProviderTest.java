package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider target stopped by the kernel, end to end as root: the lab runs two Kamailio targets
 * (sip1, sip2 by SRV priority), sip1's processes are stopped by SIGSTOP with a call up, and the
 * trunk must re-register with sip2 and the calls placed meanwhile must go through it. Skipped (with
 * the reason) where the kernel-level lab cannot run.
 */
class DrillNetnsProviderTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void kernelLabAvailable() {
        NetnsDrillRun.assumeKernelLab();
    }

    @Test
    void theTrunkAndNewCallsMoveToTheSecondTargetWhenTheFirstIsStopped() throws Exception {
        JsonNode s = NetnsDrillRun.passing("provider-target-down", tmp);

        System.out.println("provider-target-down at kernel level: SLOs " + s.get("slos") + "\nevents " + s.get("events"));
        JsonNode m = s.get("metrics");
        assertThat(m.get("registration_recovery_s").asDouble()).as("re-registered with sip2").isPositive().isLessThanOrEqualTo(6);
        assertThat(m.get("calls_completed").asDouble()).isEqualTo(m.get("calls_planned").asDouble()).isGreaterThanOrEqualTo(4);
        assertThat(m.get("calls_dropped").asDouble()).isZero();
        String events = s.get("events").toString();
        assertThat(events).contains("provider target sip1 (198.18.0.10) silent").contains("stopped by SIGSTOP")
                .contains("continued by SIGCONT")
                .contains("first INVITE to the other provider target 198.18.0.11")
                .contains("200 OK (REGISTER) from the other provider target 198.18.0.11");
        assertThat(s.get("slos").toString()).doesNotContain("not measured");
    }

    @Test
    void aGatewayThatWaitsOutTheStoppedTargetFails() throws Exception {
        // An INVITE to a target that answers nothing moves to the next SRV target only after 30 s: the
        // call placed just after sip1 stopped rings into the void past the lab's answer wait.
        String slow = Files.readString(NetnsDrillRun.EXAMPLE).replaceAll("(?m)^  targetTimeout: \\S+", "  targetTimeout: 30s");
        assertThat(slow).contains("targetTimeout: 30s");
        Path site = Files.writeString(tmp.resolve("slow-target-site.yaml"), slow);

        NetnsDrillRun r = NetnsDrillRun.run("provider-target-down", site, tmp.resolve("out"));

        assertThat(r.exit()).as("exit status; output:%n%s", r.output()).isEqualTo(1);
        JsonNode s = r.scenario();
        assertThat(s.get("verdict").asText()).as("reading: %s", s.get("reading")).isEqualTo("fail");
        assertThat(s.get("metrics").get("calls_failed").asDouble()).as("metrics: %s", s.get("metrics")).isGreaterThanOrEqualTo(1);
    }
}
