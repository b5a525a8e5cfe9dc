package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.lab.LabOptions;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.Slo;
import dev.lifeline.drill.scenario.Step;
import dev.lifeline.gateway.config.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which lab a scenario gets: its trunkTransport setting, TLS for certificate drills, else the site's. */
class LabOptionsForScenarioTest {

    @Test
    void certExpiredGetsTheTlsLab() throws Exception {
        assertThat(DrillRunner.labOptions(BuiltInSuite.byName("cert-expired").orElseThrow()).trunkTransport())
                .contains(Transport.TLS);
    }

    @Test
    void otherBuiltInScenariosKeepTheSitesTransport() throws Exception {
        for (String name : List.of("wan-total-loss", "provider-target-down", "dns-failure")) {
            assertThat(DrillRunner.labOptions(BuiltInSuite.byName(name).orElseThrow())).as(name)
                    .isEqualTo(LabOptions.DEFAULT);
        }
    }

    @Test
    void aCertificateStepWithoutASettingChoosesTls() throws Exception {
        assertThat(DrillRunner.labOptions(scenario(Map.of())).trunkTransport()).contains(Transport.TLS);
    }

    @Test
    void theSettingWins() throws Exception {
        assertThat(DrillRunner.labOptions(scenario(Map.of(Scenario.TRUNK_TRANSPORT, "TCP"))).trunkTransport())
                .contains(Transport.TCP);
    }

    @Test
    void anUnknownTransportIsRefusedByName() {
        assertThatThrownBy(() -> DrillRunner.labOptions(scenario(Map.of(Scenario.TRUNK_TRANSPORT, "sctp"))))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("custom-cert").hasMessageContaining("\"sctp\"").hasMessageContaining("udp, tcp or tls");
    }

    private static Scenario scenario(Map<String, String> settings) {
        return new Scenario("custom-cert", "a custom certificate drill",
                List.of(new Step(Duration.ZERO, new Action.ProviderCertificate("sip2",
                        Action.ProviderCertificate.State.EXPIRED))),
                List.of(Slo.atLeast("certificate event", Metrics.CERTIFICATE_EVENTS, 1, "events")), settings);
    }

    @Test
    void theStormScenarioGetsItsStormPhonesAndAStormWithoutThemIsRefused() throws Exception {
        assertThat(DrillRunner.labOptions(BuiltInSuite.byName("registration-storm").orElseThrow()).stormPhones())
                .isEqualTo(3_000);
        Scenario bare = new Scenario("bare-storm", "a storm without storm phones",
                List.of(new Step(Duration.ZERO, new Action.RegistrationStorm(Duration.ofSeconds(5)))),
                List.of(Slo.atMost("back", Metrics.STORM_REGISTERED_S, 10, "s")), Map.of());
        assertThatThrownBy(() -> DrillRunner.labOptions(bare)).isInstanceOf(LabException.class)
                .hasMessageContaining("stormPhones");
    }

    @Test
    void thePhonesSettingLimitsTheLabPhones() throws Exception {
        Scenario four = new Scenario("four-phones", "only four phones",
                List.of(new Step(Duration.ZERO, new Action.Wait(Duration.ofSeconds(1)))),
                List.of(Slo.atMost("back", Metrics.PHONES_REREGISTERED_S, 10, "s")), Map.of(Scenario.PHONES, "4"));
        assertThat(DrillRunner.labOptions(four).phones()).hasValue(4);
        assertThat(DrillRunner.labOptions(BuiltInSuite.byName("wan-total-loss").orElseThrow()).phones()).isEmpty();
    }
}