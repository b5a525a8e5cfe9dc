package dev.lifeline.drill.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.SampleReports;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook of examples/site.yaml, with and without a drill report. */
class RunbookTest {

    private static SiteConfig site;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadExample() throws Exception {
        site = SiteConfigLoader.load(examples().resolve("site.yaml"));
    }

    /** The repository's examples directory, whether tests run from the module or the root. */
    static Path examples() {
        for (Path p : List.of(Path.of("../examples"), Path.of("examples"))) {
            if (Files.isRegularFile(p.resolve("site.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("examples/site.yaml not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void withoutADrillItNamesThePrimaryPathAndSaysFailoverIsNotYetMeasured() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).startsWith("# Runbook: Example branch\n");
        assertThat(md).contains("Primary path: wan1 (`paths` priority 1, sends from 127.0.0.11). When it fails, "
                + "traffic (trunk registration, calls and their audio) moves to wan2 (priority 2).");
        assertThat(md).contains("Measured failover time: not yet measured — run `./lifeline drill`");
        assertThat(md).contains("quality probe stream (50 TWAMP-light probes/s to `127.0.0.1:5071`) is silent for 600ms");
        assertThat(md).contains("A path becomes suspect when every call on the active path stops hearing the provider for 250ms");
        assertThat(md).doesNotContain("Measured in the last drill");
    }

    @Test
    void itListsEachPathsResolvers() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).contains("| wan1 | `127.0.0.21:5353` |", "| wan2 | `127.0.0.22:5353` |");
        assertThat(md).contains("Trunk provider: the provider is the address `127.0.0.1:5070`, so registration and calls need no DNS");
    }

    @Test
    void itRoutesTheDidsAndNamesTheEmergencyFallback() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).contains("| `+15550100` | extension 1001 (Reception) |");
        assertThat(md).contains("| `+15550199` | group 600 Reception (ring-all: 1001, 1002, 1003 for 30s; critical) |");
        assertThat(md).contains("Emergency numbers 911, 112 (`dialPlan.emergency`)");
        assertThat(md).contains("With no trunk reachable, emergency calls ring group 600 Reception");
        assertThat(md).contains("(`dialPlan.whenNoTrunk.emergencyGroup`)");
        assertThat(md).contains("Emergency: dial 911 or 112 as usual. With every line down the call rings Reception (600) on site");
    }

    @Test
    void itSaysWhatStaysAndWhatStops() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).contains("Calls between the site's 10 extensions (1001–1010) never use a WAN path");
        assertThat(md).contains("outside calls other than emergency numbers fail at once with 503");
        assertThat(md).contains("Critical (must keep working in survival mode; drills and status check these first): 600 Reception.");
    }

    @Test
    void approvalsAreNotInTheConfigurationAndItSaysWhereToRecordThem() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).contains("## Who may change failover or firewall rules, and what approval is needed");
        assertThat(md).contains("Not recorded in the configuration.");
        assertThat(md).contains("`registrar.natKeepalive: 25s`", "`media.rtpPorts: 10000-20000`");
    }

    @Test
    void itListsTheExceptions() {
        String md = Runbook.markdown(site, Optional.empty());

        assertThat(md).contains("| provider | 1 | `127.0.0.1:5070` | udp | yes, every 1h | e164 / national |");
        assertThat(md).contains("Outbound numbers matching `9(\\d{7,15})` use only trunk provider");
        assertThat(md).contains("Group 600 Reception is critical");
    }

    @Test
    void withADrillItGivesTheMeasuredFailover() {
        DrillReport drill = SampleReports.report();

        String md = Runbook.markdown(site, Optional.of(drill));

        assertThat(md).contains("Measured failover time: the gateway's first traffic over the next path left 0.61 s after the link was lost"
                + " (seen at that path's router); "
                + "the trunk was registered again over the next path 0.62 s after the loss; "
                + "a call in progress heard no audio for at most 1.2 s; no call was dropped; "
                + "traffic returned to the primary path 10.4 s after it recovered (measured by the wan-total-loss drill, verdict pass).");
        assertThat(md).doesNotContain("not yet measured");
        assertThat(md).contains("(measured: 0.62 s) may not reach the site");
        assertThat(md).contains("dns-failure drill fail — setup p95 2400 ms. Not met: `call_setup_p95_ms` expected <= 1500 ms");
        assertThat(md).contains("## Measured in the last drill", "| reboot-storm | error | - |");
    }

    @Test
    void aSiteDrillGivesTheMeasuredFailoverLabelledByWhereEachFigureWasObserved() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("detection_gateway_s", 0.6);
        m.put("registration_recovery_gateway_s", 0.69);
        m.put("test_call_survived", 1.0);
        m.put("audio_gap_s", 0.68);
        DrillReport drill = new DrillReport("site", SampleReports.report().started(), "site.yaml", List.of(
                dev.lifeline.drill.report.ScenarioReport.completed("site-path-cut", m, List.of(), List.of(), List.of())));

        String md = Runbook.markdown(site, Optional.of(drill));

        assertThat(md).contains("Measured failover time: the gateway declared the cut path down 0.6 s after it began"
                + " (the gateway's own word); the trunk was registered again over the next path 0.69 s after the cut"
                + " (the gateway's own word); the test call heard no audio for at most 0.68 s (heard by the drill's"
                + " test phone); the test call stayed up (measured on the live site by the site-path-cut drill,"
                + " verdict pass).");
    }

    @Test
    void aDrillWithoutTheFailoverScenarioSaysWhatToRun() {
        DrillReport drill = new DrillReport("custom", SampleReports.report().started(), "site.yaml",
                List.of(SampleReports.dnsFailure()));

        String md = Runbook.markdown(site, Optional.of(drill));

        assertThat(md).contains("not measured: the drill report has no wan-total-loss result; run "
                + "`./lifeline drill --scenario wan-total-loss`.");
    }

    @Test
    void theHtmlPageIsSelfContainedEscapedAndHasTheSameAnswers() throws Exception {
        Path out = dir.resolve("sub/runbook.html");

        Runbook.write(site, Optional.of(SampleReports.report()), out);
        String html = Files.readString(out);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").doesNotContain("<script", "http://", "https://");
        assertThat(html).contains("Primary path: wan1 (<code>paths</code> priority 1, sends from 127.0.0.11)");
        assertThat(html).contains("<td><code>127.0.0.21:5353</code></td>", "<td><code>+15550199</code></td>");
        assertThat(html).contains("<code>dialPlan.whenNoTrunk.emergencyGroup</code>");
        assertThat(html).contains("expected &lt;= 1500 ms");
        assertThat(html).doesNotContain("\u0001", "\u0002");
        assertThat(dev.lifeline.drill.report.Tags.problems(html)).isEmpty();
    }

    @Test
    void aMarkdownFileIsWrittenForOtherNames() throws Exception {
        Path out = dir.resolve("runbook.md");

        Runbook.write(site, Optional.empty(), out);

        assertThat(Files.readString(out)).startsWith("# Runbook: Example branch").doesNotContain("\u0001", "\u0002");
    }
}
