package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.DrillSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabSiteDrillTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");
    private static final Duration CUT = Duration.ofSeconds(6);
    private static final Duration LOSS = Duration.ofSeconds(5);

    private static SiteConfig labSite(String userYaml) throws Exception {
        LabSiteDrill.Settings s = LabSiteDrill.settings(userYaml, "drill-secret", CUT, LOSS);
        String lab = LabSite.rewrite(userYaml, false, "trunk-secret", Path.of("/tmp/x"));
        return SiteConfigLoader.parse("site.yaml", LabSiteDrill.rewrite(lab, s));
    }

    @Test
    void aSiteWithoutADrillSectionGetsATestExtensionADidTheProviderRoutesAndFaultInjection() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        SiteConfig original = SiteConfigLoader.load(EXAMPLE);

        SiteConfig lab = labSite(yaml);

        DrillSettings d = lab.drill().orElseThrow();
        assertThat(lab.admin().faultInjection()).isTrue();
        assertThat(original.extensions()).noneMatch(e -> e.number().equals(d.testExtension()));
        assertThat(lab.extensions()).hasSize(original.extensions().size() + 1)
                .anyMatch(e -> e.number().equals(d.testExtension()));
        assertThat(d.testPassword().value()).isEqualTo("drill-secret");
        assertThat(d.testNumber()).isEqualTo(LabSiteDrill.TEST_NUMBER);
        assertThat(d.did()).hasValueSatisfying(did -> {
            assertThat(did).matches(LabSiteDrill.PROVIDER_DIDS);
            assertThat(original.dids()).noneMatch(x -> x.number().equals(did));
            assertThat(lab.dids()).anyMatch(x -> x.number().equals(did) && x.target().equals(d.testExtension()));
        });
        assertThat(d.phoneAddress()).isEqualTo(NetnsPlan.SITE_LAN);
        assertThat(d.cutFor()).isEqualTo(CUT);
        assertThat(d.lossFor()).isEqualTo(LOSS);
        assertThat(lab.dids()).hasSize(original.dids().size() + 1);   // the user's DIDs are kept
    }

    @Test
    void aSiteWithItsOwnDrillSectionKeepsItsTestExtensionAndADidTheProviderRoutes() throws Exception {
        String yaml = Files.readString(EXAMPLE)
                .replace("  - { number: 1010, name: Meeting room, password: pw1010 }",
                        "  - { number: 1010, name: Meeting room, password: pw1010 }\n  - { number: 1077, name: Drill, password: old }")
                .replace("  \"+15550199\": 600", "  \"+15550199\": 600\n  \"+15550107\": 1077")
                .replace("# drill:\n#   testExtension: 1099\n#   testPassword: change-me\n#   testNumber: \"+18005550199\"",
                        "drill:\n  testExtension: 1077\n  testPassword: old\n  testNumber: \"+18005550199\"\n  did: \"+15550107\"");
        assertThat(SiteConfigLoader.parse("site.yaml", yaml).drill()).isPresent();

        DrillSettings d = labSite(yaml).drill().orElseThrow();

        assertThat(d.testExtension()).isEqualTo("1077");
        assertThat(d.did()).contains("+15550107");
        assertThat(d.testPassword().value()).isEqualTo("drill-secret");
        assertThat(d.testNumber()).as("the lab's far end, not the real provider's echo number").isEqualTo(LabSiteDrill.TEST_NUMBER);
    }

    @Test
    void theLabPhoneTakesAnotherExtensionAndAYamlThatIsNotAMappingIsRefusedWithAReason() throws Exception {
        assertThat(LabSiteDrill.otherExtension(Files.readString(EXAMPLE), "1001")).contains("1002");
        assertThatThrownBy(() -> LabSiteDrill.settings("- a\n- b\n", "x", CUT, LOSS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a YAML mapping");
    }

    @Test
    void theLabsRestartScriptBecomesTheDrillsRestartCommand() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        LabSiteDrill.Settings s = LabSiteDrill.settings(yaml, "drill-secret", CUT, LOSS);
        String lab = LabSiteDrill.rewrite(LabSite.rewrite(yaml, false, "trunk-secret", Path.of("/tmp/x")), s);
        String command = "'" + NetnsLab.restartScript(Path.of("/tmp/lab")) + "'";

        SiteConfig site = SiteConfigLoader.parse("site.yaml", LabSiteDrill.withRestartCommand(lab, command));

        assertThat(site.drill().orElseThrow().restartCommand()).contains("'/tmp/lab/restart-gateway.sh'");
        assertThat(SiteConfigLoader.parse("site.yaml", lab).drill().orElseThrow().restartCommand()).isEmpty();
        assertThatThrownBy(() -> LabSiteDrill.withRestartCommand("site: {name: x}\n", command))
                .hasMessageContaining("no drill: section");
    }
}
