package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInSuiteTest {

    @Test
    void namesAreTheIssuesAndStable() {
        assertThat(BuiltInSuite.names()).containsExactly("wan-total-loss", "wan-total-loss-field",
                "wan-loss-idle-field", "wan-noise-field", "wan-quiet-field", "wan-degradation", "loss-audio-quality",
                "dns-failure", "nat-timeout", "sip-port-blocked", "reboot-storm", "registration-storm", "options-flood", "lan-loss",
                "cert-expired",
                "provider-target-down", "inbound-during-failover", "local-survivability");
    }

    @Test
    void quickIsASmallSubsetUnderAMinute() {
        List<Scenario> quick = BuiltInSuite.quick();

        assertThat(quick).extracting(Scenario::name).containsExactlyElementsOf(BuiltInSuite.QUICK);
        assertThat(BuiltInSuite.all()).containsAll(quick);
        assertThat(total(quick)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theWholeSuiteLeavesTimeForTheLabWithinFiveMinutes() {
        // Building a lab and registering its phones takes about a second a scenario on 2 cores (305 s since lan-loss,
        // 314 s since wan-quiet-field's 9 s).
        assertThat(total(BuiltInSuite.all())).isLessThanOrEqualTo(Duration.ofSeconds(314));
    }

    @Test
    void everyScenarioIsDescribedAndChecksSomething() {
        for (Scenario s : BuiltInSuite.all()) {
            assertThat(s.description()).as(s.name()).isNotBlank();
            assertThat(s.slos()).as(s.name()).isNotEmpty();
            assertThat(s.paths()).as(s.name()).isSubsetOf("wan1", "wan2");
            assertThat(s.targets()).as(s.name()).isSubsetOf("sip1", "sip2");
        }
    }

    @Test
    void designTargetsForTotalLoss() {
        Scenario s = BuiltInSuite.byName("wan-total-loss").orElseThrow();

        assertThat(s.slos()).extracting(Slo::describe).contains("detection_s <= 1 s",
                "registration_recovery_s <= 2 s", "audio_gap_s <= 1.5 s");
    }

    @Test
    void everyScenarioFitsTheExampleSite() throws Exception {
        SiteConfig site = SiteConfigLoader.load(Path.of("..", "examples", "site.yaml"));

        for (Scenario s : BuiltInSuite.all()) {
            assertThat(SiteCheck.problems(s, site)).as(s.name()).isEmpty();
        }
    }

    @Test
    void siteCheckNamesWhatIsMissing() throws Exception {
        SiteConfig site = SiteConfigLoader.load(Path.of("..", "examples", "site.yaml"));
        Scenario s = new Scenario("x", "", List.of(
                new Step(Duration.ZERO, new Action.Blackhole("wan3", true)),
                new Step(Duration.ZERO, new Action.EmergencyCall("2001", "999"))),
                List.of(Slo.atMost("d", Metrics.DETECTION_S, 1, "s")), java.util.Map.of());

        assertThat(SiteCheck.problems(s, site)).containsExactly(
                "timeline[0] (+0s blackhole wan3): path wan3 is not in the site configuration; its paths are wan1, wan2",
                "timeline[1] (+0s emergency call from 2001 to 999): extension 2001 is not in the site configuration",
                "timeline[1] (+0s emergency call from 2001 to 999): 999 is not an emergency number of the dial plan;"
                        + " those are 911, 112");
    }

    private static Duration total(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::length).reduce(Duration.ZERO, Duration::plus);
    }
}
