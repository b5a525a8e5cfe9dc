package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabSiteTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "site.yaml");

    @Test
    void theExampleBecomesAValidSiteOnTheLabsAddressesWithItsFailoverSettingsKept() throws Exception {
        String yaml = Files.readString(EXAMPLE);

        SiteConfig lab = SiteConfigLoader.parse("site.yaml", LabSite.rewrite(yaml, true, "secret", Path.of("/tmp/x")));
        SiteConfig original = SiteConfigLoader.load(EXAMPLE);

        assertThat(lab.paths()).extracting(p -> p.name() + " " + p.bind().getHostAddress())
                .containsExactly("wan1 10.201.1.2", "wan2 10.201.2.2");
        assertThat(lab.failover().reflector()).map(Object::toString).hasValueSatisfying(r -> assertThat(r).contains("198.18.0.20"));
        assertThat(lab.failover().suspectAfter()).isEqualTo(original.failover().suspectAfter());
        assertThat(lab.failover().holdDown()).isEqualTo(original.failover().holdDown());
        assertThat(lab.extensions()).hasSameSizeAs(original.extensions());
        assertThat(lab.trunks().get(0).name()).isEqualTo(original.trunks().get(0).name());
    }

    @Test
    void aPathPinnedToADeviceIsPinnedToTheLabsUplinkAndAnUnpinnedOneStaysUnpinned() throws Exception {
        String yaml = Files.readString(EXAMPLE).replace("    bind: 127.0.0.11\n", "    bind: 127.0.0.11\n    interface: eth1\n");

        SiteConfig lab = SiteConfigLoader.parse("site.yaml", LabSite.rewrite(yaml, false, "secret", Path.of("/tmp/x")));

        assertThat(lab.paths()).extracting(p -> p.name() + " " + p.networkInterface().orElse("-"))
                .containsExactly("wan1 wan1", "wan2 -");
    }

    @Test
    void withoutTheReflectorTheGeneratedSiteHasNone() throws Exception {
        String yaml = Files.readString(EXAMPLE);

        SiteConfig lab = SiteConfigLoader.parse("site.yaml", LabSite.rewrite(yaml, false, "secret", Path.of("/tmp/x")));

        assertThat(lab.failover().reflector()).isEmpty();
        assertThat(LabSite.wantsReflector(yaml)).isTrue();
    }

    @Test
    void aSiteWithOnePathIsRefusedSayingWhy() throws Exception {
        String onePath = Files.readString(EXAMPLE).replaceAll("(?s)  - name: wan2.*?priority: 2\\n", "");

        assertThatThrownBy(() -> LabSite.rewrite(onePath, false, "s", Path.of("/tmp/x")))
                .hasMessageContaining("1 WAN path(s); the kernel-level lab needs two");
    }

    @Test
    void aDidRingsItsExtensionOrItsGroupsMembersAndEachLabPhoneGetsItsOwnPassword() throws Exception {
        String yaml = Files.readString(EXAMPLE);

        assertThat(LabSite.ringing(yaml, "+15550100")).containsExactly("1001");
        assertThat(LabSite.ringing(yaml, "+15550199")).containsExactly("1001", "1002", "1003");
        assertThat(LabSite.ringing(yaml, "+15550000")).isEmpty();

        SiteConfig lab = SiteConfigLoader.parse("site.yaml", LabSite.rewrite(yaml, false, "s", Path.of("/tmp/x"),
                java.util.Map.of("1001", "pa", "1002", "pb")));
        String text = LabSite.rewrite(yaml, false, "s", Path.of("/tmp/x"), java.util.Map.of("1001", "pa", "1002", "pb"));
        assertThat(text).contains("password: pa").contains("password: pb");
        assertThat(lab.extensions()).hasSize(SiteConfigLoader.load(EXAMPLE).extensions().size());
        assertThatThrownBy(() -> LabSite.rewrite(yaml, false, "s", Path.of("/tmp/x"), java.util.Map.of("4711", "p")))
                .hasMessageContaining("extension 4711");
    }
}
