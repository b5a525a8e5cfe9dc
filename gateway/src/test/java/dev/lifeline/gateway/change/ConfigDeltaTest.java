package dev.lifeline.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDeltaTest {

    private static final String BASE = Sites.base(Path.of("/var/lib/lifeline"));

    private static SiteConfig parse(String yaml) throws Exception {
        return SiteConfigLoader.parse("site.yaml", yaml);
    }

    @Test
    void twoReadingsOfTheSameFileDifferInNothing() throws Exception {
        String example = Files.readString(Path.of("..", "examples", "site.yaml"));

        assertThat(ConfigDelta.between(parse(example), parse(example)).isEmpty()).isTrue();
        assertThat(ConfigDelta.between(parse(BASE), parse(BASE)).isEmpty()).isTrue();
    }

    @Test
    void anAddedExtensionIsHot() throws Exception {
        ConfigDelta delta = ConfigDelta.between(parse(BASE), parse(Sites.withExtension1004(BASE)));

        assertThat(delta.hot()).containsExactly("extensions");
        assertThat(delta.restart()).isEmpty();
    }

    @Test
    void passwordsAndTheDialPlanAreHot() throws Exception {
        String changed = BASE.replace("password: pw1002", "password: other").replace("[911]", "[911, 112]");

        assertThat(ConfigDelta.between(parse(BASE), parse(changed)).hot()).containsExactly("extensions", "dialPlan");
    }

    @Test
    void aListenAddressNeedsARestartAndIsNamedWithItsIndex() throws Exception {
        String changed = BASE.replace("{transport: tcp, address: 127.0.0.1:15060}", "{transport: tcp, address: 127.0.0.2:15060}")
                .replace("password: pw1002", "password: other");

        ConfigDelta delta = ConfigDelta.between(parse(BASE), parse(changed));

        assertThat(delta.restart()).containsExactly("listen[1].address");
        assertThat(delta.hot()).containsExactly("extensions");
        assertThat(delta.restartMessage()).isEqualTo("needs a restart: listen[1].address");
    }

    @Test
    void storageAndAdminListenerNeedARestart() throws Exception {
        String changed = BASE.replace("storage: /var/lib/lifeline", "storage: /srv/lifeline")
                .replace("admin: {listen: 127.0.0.1:18089}", "admin: {listen: 127.0.0.1:8090}");

        assertThat(ConfigDelta.between(parse(BASE), parse(changed)).restart()).containsExactly("storage", "admin.listen");
    }

    @Test
    void admissionLimitsAndEventRetentionAreHotTheRepeatWindowAndFailoverAreNot() throws Exception {
        String admission = BASE + "signalling: {sourceRate: 300, overloadWait: 300ms}\nevents: {keepFor: 7d}\n";
        String repeat = BASE + "events: {repeatWindow: 5m}\nfailover: {probeInterval: 2s}\n";

        assertThat(ConfigDelta.between(parse(BASE), parse(admission)))
                .isEqualTo(new ConfigDelta(java.util.List.of("signalling.admission", "events.keepFor"), java.util.List.of()));
        assertThat(ConfigDelta.between(parse(BASE), parse(repeat)).restart())
                .containsExactly("failover.probeInterval", "events.repeatWindow");
    }

    @Test
    void failoverThresholdsAreHotItsProbeTimingIsNot() throws Exception {
        String thresholds = BASE + "failover: {holdDown: 20s, optionsFailuresToDown: 4, rFloor: 60}\n";
        String timing = BASE + "failover: {holdDown: 20s, confirmWindow: 800ms}\n";

        assertThat(ConfigDelta.between(parse(BASE), parse(thresholds)).hot())
                .containsExactly("failover.optionsFailuresToDown", "failover.rFloor", "failover.holdDown");
        assertThat(ConfigDelta.between(parse(BASE), parse(timing)).restart()).containsExactly("failover.confirmWindow");
    }

    @Test
    void restartFieldsAreNamedAsTheFileWritesThem() throws Exception {
        String timers = BASE + "signalling: {t1: 250ms, tcpMaxPerSource: 64}\n";

        assertThat(ConfigDelta.between(parse(BASE), parse(timers)).restart())
                .containsExactly("signalling.t1", "signalling.tcpMaxPerSource");
    }
}
