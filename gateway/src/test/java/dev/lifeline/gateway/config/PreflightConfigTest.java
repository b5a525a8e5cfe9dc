package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code preflight:} section: NAT timeouts per side, the UPS with its outage target; errors name line and field. */
class PreflightConfigTest {

    private static final String PATHS = """
            paths:
              - {name: wan1, bind: 127.0.0.11, priority: 1}
            """;

    private static ConfigException problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + PATHS + yaml));
        assertThat(e).as("problems with " + yaml).isNotNull();
        return e;
    }

    @Test
    void absentSectionMeansNothingStated() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL);

        assertThat(c.preflight()).isEqualTo(PreflightSettings.DEFAULT);
        assertThat(c.preflight().natTimeout("lan")).isEmpty();
    }

    @Test
    void natTimeoutsPerSideAndTheUpsAreRead() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL + PATHS + """
                preflight:
                  natTimeouts: {lan: 60s, wan1: 30s}
                  ups: ups@127.0.0.1:3493
                  outageTarget: 2h
                """);

        assertThat(c.preflight().natTimeout("lan")).contains(Duration.ofSeconds(60));
        assertThat(c.preflight().natTimeout("wan1")).contains(Duration.ofSeconds(30));
        assertThat(c.preflight().ups()).contains("ups@127.0.0.1:3493");
        assertThat(c.preflight().outageTarget()).isEqualTo(Optional.of(Duration.ofHours(2)));
    }

    @Test
    void aNatTimeoutForAnUnknownSideNamesTheFieldAndTheChoices() {
        ConfigException e = problems("""
                preflight:
                  natTimeouts: {lan: 60s, wan9: 30s}
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.fieldPath()).isEqualTo("preflight.natTimeouts.wan9");
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.message()).contains("neither 'lan' nor a path").contains("[wan1]");
        });
    }

    @Test
    void badValuesAreReportedEachWithItsField() {
        ConfigException e = problems("""
                preflight:
                  natTimeouts: {lan: soon}
                  ups: "-x@host"
                """);

        assertThat(e.problems()).extracting(ConfigProblem::fieldPath)
                .containsExactlyInAnyOrder("preflight.natTimeouts.lan", "preflight.ups");
    }

    @Test
    void aUpsNeedsAnOutageTargetAndTheOtherWayRound() {
        assertThat(problems("preflight: {ups: ups@localhost}\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("preflight.outageTarget: missing"));
        assertThat(problems("preflight: {outageTarget: 1h}\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("needs ups"));
    }
}
