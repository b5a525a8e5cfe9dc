package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Slo;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetnsSuiteTest {

    @Test
    void quickRunsTotalLossByLinkDownAndTheSilentCutByAnNftDrop() {
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name, NetnsScenario::fault).containsExactly(
                org.assertj.core.groups.Tuple.tuple("wan-total-loss", KernelFault.LINK_DOWN),
                org.assertj.core.groups.Tuple.tuple("wan-loss-idle-field", KernelFault.SILENT_CUT));
    }

    @Test
    void theSloTargetsAreTheBuiltInOnesAndWhatNeedsAPhoneIsListedAsLeftOut() {
        NetnsScenario s = NetnsSuite.byName("wan-total-loss").orElseThrow();
        var builtIn = BuiltInSuite.byName("wan-total-loss").orElseThrow();

        assertThat(s.scenario().slos()).extracting(Slo::metric)
                .containsExactly("detection_s", "registration_recovery_s", "failback_s");
        assertThat(builtIn.slos()).containsAll(s.scenario().slos());
        assertThat(s.left()).anyMatch(l -> l.startsWith("SLO audio gap")).anyMatch(l -> l.startsWith("SLO calls dropped"))
                .anyMatch(l -> l.startsWith("step at 0.0 s"));
        assertThat(s.scenario().timeline()).noneMatch(step -> step.action() instanceof Action.PlaceCalls);
        assertThat(s.scenario().length()).as("observed as long as the built-in timeline").isEqualTo(builtIn.length());
        assertThat(s.scenario().faultAtOrBefore(java.time.Duration.ofSeconds(3))).isPresent();
    }

    @Test
    void everyOtherBuiltInStaysInProcessWithAReason() {
        Set<String> all = new HashSet<>(BuiltInSuite.names());
        NetnsSuite.quick().forEach(s -> all.remove(s.name()));

        assertThat(NetnsSuite.inProcessOnly().keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(NetnsSuite.inProcessOnly().values()).allMatch(r -> !r.isBlank());
        assertThat(NetnsSuite.inProcessOnly().get("dns-failure")).contains("resolvers");
        assertThat(NetnsSuite.byName("dns-failure")).isEmpty();
    }
}
