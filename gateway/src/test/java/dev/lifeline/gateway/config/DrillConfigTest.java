package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code drill:} section for {@code drill --site}: read with defaults; every mistake names file, line and field. */
class DrillConfigTest {

    private static final String SITE = ConfigSamples.MINIMAL + """
            dids:
              "+15550100": 1001
            paths:
              - {name: wan1, bind: 127.0.0.11, priority: 1}
              - {name: wan2, bind: 127.0.0.12, priority: 2}
            admin:
              faultInjection: true
            """;

    private static ConfigException problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.parse("site.yaml", SITE + yaml));
        assertThat(e).as("problems with " + yaml).isNotNull();
        return e;
    }

    @Test
    void absentSectionMeansNoSiteDrillAndFaultInjectionIsOffByDefault() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml", ConfigSamples.MINIMAL);

        assertThat(c.drill()).isEmpty();
        assertThat(c.admin().faultInjection()).isFalse();
    }

    @Test
    void theSectionIsReadWithDefaults() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("site.yaml", SITE + """
                drill:
                  testExtension: 1001
                  testPassword: s3cret
                  testNumber: "+18005550199"
                  did: "+15550100"
                """);

        assertThat(c.admin().faultInjection()).isTrue();
        DrillSettings d = c.drill().orElseThrow();
        assertThat(d.testExtension()).isEqualTo("1001");
        assertThat(d.testPassword().value()).isEqualTo("s3cret");
        assertThat(d.testPassword().toString()).doesNotContain("s3cret");
        assertThat(d.testNumber()).isEqualTo("+18005550199");
        assertThat(d.did()).contains("+15550100");
        assertThat(d.phoneAddress()).isEqualTo("127.0.0.1");
        assertThat(d.cutPath()).isEmpty();
        assertThat(d.cutFor()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.lossPercent()).isEqualTo(5);
    }

    @Test
    void badValuesNameFileLineAndField() {
        ConfigException e = problems("""
                drill:
                  testExtension: 1009
                  testPassword: s3cret
                  testNumber: echo
                  did: "+15550999"
                  cutPath: wan7
                  cutFor: 2h
                  lossPercent: 80
                """);

        assertThat(e.problems()).extracting(ConfigProblem::fieldPath).containsExactlyInAnyOrder(
                "drill.testExtension", "drill.testNumber", "drill.did", "drill.cutPath", "drill.cutFor",
                "drill.lossPercent");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo("site.yaml"));
        assertThat(e.problems()).filteredOn(p -> p.fieldPath().equals("drill.cutFor")).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(21);
                    assertThat(p.message()).contains("5s to 5m");
                });
        assertThat(e.problems()).filteredOn(p -> p.fieldPath().equals("drill.testExtension")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("1009 is not an extension"));
    }

    @Test
    void theRequiredFieldsAreNamedWhenMissing() {
        ConfigException e = problems("drill: {testExtension: 1001}\n");

        assertThat(e.problems()).extracting(ConfigProblem::fieldPath)
                .containsExactlyInAnyOrder("drill.testPassword", "drill.testNumber");
    }

    @Test
    void theRestartCommandIsAbsentByDefaultAndReadAsOneLine() throws Exception {
        String base = """
                drill:
                  testExtension: 1001
                  testPassword: s3cret
                  testNumber: "+18005550199"
                """;
        assertThat(SiteConfigLoader.parse("site.yaml", SITE + base).drill().orElseThrow().restartCommand()).isEmpty();

        SiteConfig c = SiteConfigLoader.parse("site.yaml", SITE + base
                + "  restartCommand: systemctl restart lifeline\n");

        assertThat(c.drill().orElseThrow().restartCommand()).contains("systemctl restart lifeline");
    }

    @Test
    void aBadRestartCommandNamesFileLineAndField() {
        String base = """
                drill:
                  testExtension: 1001
                  testPassword: s3cret
                  testNumber: "+18005550199"
                """;
        ConfigException tooLong = problems(base + "  restartCommand: " + "x".repeat(1001) + "\n");
        ConfigException twoLines = problems(base + "  restartCommand: \"systemctl stop lifeline\\nrm -rf /var\"\n");

        for (ConfigException e : java.util.List.of(tooLong, twoLines)) {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo("site.yaml");
                assertThat(p.fieldPath()).isEqualTo("drill.restartCommand");
                assertThat(p.line()).isEqualTo(19);
            });
        }
        assertThat(twoLines.problems().get(0).message()).contains("single command line");
    }
}
