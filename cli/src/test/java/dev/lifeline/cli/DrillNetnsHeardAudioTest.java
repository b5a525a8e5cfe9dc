package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.drill.netns.KernelFault;
import dev.lifeline.drill.netns.NetnsRunner;
import dev.lifeline.drill.netns.NetnsScenario;
import dev.lifeline.drill.netns.Preflight;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the site's baresip phone decoded against what reached it, as root in the kernel-level lab:
 * a call with 10 % random loss made by nft on wan1 for 8 of its 10 seconds. Skipped (with the
 * reason) where the lab cannot run.
 */
class DrillNetnsHeardAudioTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @TempDir
    Path tmp;

    @BeforeAll
    static void kernelLabAvailable() {
        Optional<String> problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    @Test
    void theLossThePhoneHeardIsTheLossTheCaptureSawOnItsLeg() throws Exception {
        Scenario noise = BuiltInSuite.byName("wan-noise-field").orElseThrow();
        Step call = noise.timeline().stream().filter(s -> s.action() instanceof Action.PlaceCalls).findFirst().orElseThrow();
        Action.Impair three = noise.timeline().stream().map(Step::action).filter(Action.Impair.class::isInstance)
                .map(Action.Impair.class::cast).findFirst().orElseThrow();
        Action.Impair ten = new Action.Impair(three.path(), three.direction(), three.delay(), three.jitter(), 10, three.burst(),
                three.rateKbps());
        Scenario heard = new Scenario("phone-heard-loss", "A call with 10 % random loss both ways on the primary path.",
                List.of(call, new Step(Duration.ofSeconds(1), ten), new Step(Duration.ofSeconds(9), new Action.Restore(three.path()))),
                noise.slos(), noise.settings());
        var site = SiteConfigLoader.load(EXAMPLE);
        NetnsRunner runner = new NetnsRunner(Files.readString(EXAMPLE), EXAMPLE.toString(),
                site.paths().stream().map(p -> p.name()).toList(), DrillCommand.launcher(), tmp, line -> { });

        ScenarioReport r = runner.run("netns", List.of(new NetnsScenario(heard, KernelFault.SILENT_CUT, List.of())))
                .scenarios().get(0);

        assertThat(r.error()).as("reading: %s", r.reading()).isEmpty();
        Matcher m = Pattern.compile("phone 1001 heard ([0-9.]+) % loss \\((\\d+) of (\\d+) frames.*?the capture saw ([0-9.]+) % "
                + "\\((\\d+) of (\\d+) RTP packets").matcher(r.reading());
        assertThat(m.find()).as("reading: %s", r.reading()).isTrue();
        double phone = Double.parseDouble(m.group(1));
        double capture = Double.parseDouble(m.group(4));
        // About 8 % over the whole call (10 % for 8 of its 10 s); 400+ frames make 3..14 % many
        // standard deviations wide, and a rule that dropped nothing, or a scorer that saw nothing, fails.
        assertThat(Integer.parseInt(m.group(3))).as("frames expected").isGreaterThan(400);
        assertThat(capture).as("loss on the phone's leg in lan.pcap").isBetween(3.0, 14.0);
        // The phone decodes exactly what reached its veth: only the call's edges and late packets the
        // jitter buffer throws away may differ (seen: 39 frames of 470 heard missing against 39 of 467
        // packets captured; 36 of 482 against 36 of 477).
        assertThat(phone).as("heard vs captured; reading: %s", r.reading()).isCloseTo(capture,
                org.assertj.core.api.Assertions.within(1.0));
        assertThat(r.metrics().get(Metrics.LOSS_HEARD_PHONE_PCT)).isEqualTo(Math.round(phone * 100) / 100.0,
                org.assertj.core.api.Assertions.within(0.06));
        assertThat(r.metrics().get(Metrics.MOS_HEARD_PHONE)).isBetween(1.0, 4.0);
        assertThat(r.metrics().get(Metrics.AUDIO_GAP_HEARD_PHONE_S)).isBetween(0.02, 0.5);
    }
}
