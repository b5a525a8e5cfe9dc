package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BurstLoss;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which kernel fault stands for each scenario step, and how each is undone. */
class KernelStepTest {

    private final NetnsPlan plan = NetnsPlan.of(4242, 0xbeef);
    private final NetnsPlan.Uplink wan1 = NetnsPlan.WAN1;

    @Test
    void aBlackholeIsTheScenariosCutUndoneByItsOwnOpposite() {
        KernelStep link = KernelStep.of(new Action.Blackhole("wan1", true), plan, wan1, KernelFault.LINK_DOWN, 0).orElseThrow();
        KernelStep silent = KernelStep.of(new Action.Blackhole("wan1", true), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();

        assertThat(link.kind()).isEqualTo(KernelStep.CUT);
        assertThat(link.apply()).isEqualTo(plan.linkDown(wan1));
        assertThat(link.undo()).isEqualTo(plan.linkUp(wan1));
        assertThat(silent.apply()).isEqualTo(plan.silentCut(wan1));
        assertThat(silent.undo()).isEqualTo(plan.silentCutEnd(wan1));
    }

    @Test
    void lossOnlyBecomesAnNftDropInTheDirectionsTheStepNames() {
        KernelStep both = KernelStep.of(Action.Impair.loss("wan1", 3), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();
        KernelStep down = KernelStep.of(new Action.Impair("wan1", Action.Impair.Direction.DOWN, Duration.ZERO, Duration.ZERO, 2.5,
                BurstLoss.NONE, 0), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();

        assertThat(both.kind()).isEqualTo(KernelStep.LOSS);
        assertThat(both.apply()).isEqualTo(plan.randomLoss(wan1, 3, true, true));
        assertThat(both.undo()).isEqualTo(plan.randomLossEnd(wan1));
        assertThat(both.describe()).startsWith("3 % random loss both");
        assertThat(down.apply()).isEqualTo(plan.randomLoss(wan1, 2.5, false, true));
    }

    @Test
    void delayJitterOrBurstsAreNotMadeByTheKernelAndSayWhy() {
        Action jitter = new Action.Impair("wan1", Action.Impair.Direction.BOTH, Duration.ofMillis(40), Duration.ofMillis(10), 2,
                BurstLoss.NONE, 0);

        assertThat(KernelStep.whyNot(jitter)).get().asString().contains("netem is not on every kernel");
        assertThatThrownBy(() -> KernelStep.of(jitter, plan, wan1, KernelFault.SILENT_CUT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("impair wan1 delay");
    }

    @Test
    void sipBlockNatFlushAndResolverSilenceEachHaveTheirCommandsAndUndo() {
        KernelStep sip = KernelStep.of(new Action.BlockSip("wan1"), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();
        KernelStep nat = KernelStep.of(new Action.NatForget("wan1"), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();
        KernelStep dns = KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.SILENT), plan, wan1,
                KernelFault.SILENT_CUT, 4711).orElseThrow();

        assertThat(sip.apply()).isEqualTo(plan.blockSip(wan1));
        assertThat(sip.undo()).isEqualTo(plan.blockSipEnd(wan1));
        assertThat(nat.apply()).isEqualTo(plan.natForget(wan1));
        assertThat(nat.undo()).as("a flush is over at once").isEmpty();
        assertThat(dns.apply()).isEqualTo(NetnsPlan.resolverSilent(4711));
        assertThat(dns.undo()).isEqualTo(NetnsPlan.resolverBack(4711));
    }

    @Test
    void stepsThatAreNoFaultMakeNothing() {
        assertThat(KernelStep.of(new Action.Restore("wan1"), plan, wan1, KernelFault.SILENT_CUT, 0)).isEmpty();
        assertThat(KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.NONE), plan, wan1, KernelFault.SILENT_CUT, 0))
                .isEmpty();
        assertThat(KernelStep.of(new Action.Blackhole("wan1", false), plan, wan1, KernelFault.SILENT_CUT, 0)).isEmpty();
    }

    @Test
    void aResolverAnsweringServfailOrRefusedIsItsAddressDnatedToTheResolverThatAnswersSo() {
        KernelStep servfail = KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.SERVFAIL), plan, wan1,
                KernelFault.SILENT_CUT, 4711).orElseThrow();
        KernelStep refused = KernelStep.of(new Action.DnsFault("wan2", Action.DnsFault.Mode.REFUSED), plan, NetnsPlan.WAN2,
                KernelFault.SILENT_CUT, 4711).orElseThrow();

        assertThat(KernelStep.whyNot(new Action.DnsFault("wan1", Action.DnsFault.Mode.SERVFAIL))).isEmpty();
        assertThat(KernelStep.whyNot(new Action.DnsFault("wan1", Action.DnsFault.Mode.REFUSED))).isEmpty();
        // The same kind as a stopped resolver: a later DNS step replaces it, "dnsFault none" undoes it.
        assertThat(servfail.kind()).isEqualTo(KernelStep.DNS);
        assertThat(servfail.apply()).isEqualTo(plan.resolverAnswers(wan1, NetnsPlan.SERVFAIL_PORT));
        assertThat(servfail.undo()).isEqualTo(plan.resolverAnswersEnd(wan1));
        assertThat(servfail.describe()).contains("198.18.0.53 answers SERVFAIL").contains("port 5350");
        assertThat(String.join(" ", servfail.apply().get(0))).contains("ip daddr 198.18.0.53 udp dport 53 dnat to 198.18.0.53:5350");
        assertThat(refused.apply()).isEqualTo(plan.resolverAnswers(NetnsPlan.WAN2, NetnsPlan.REFUSED_PORT));
        assertThat(String.join(" ", refused.apply().get(0))).contains("ip daddr 198.18.0.54 udp dport 53 dnat to 198.18.0.54:5351")
                .contains("lifeline_dns2");
        assertThat(refused.describe()).contains("answers REFUSED");
    }

    @Test
    void aNatPortChangeMovesTheIspsMasqueradeToOtherPortsAndItsUndoPutsTheRuleBack() {
        KernelStep ports = KernelStep.of(new Action.NatPortChange("wan1"), plan, wan1, KernelFault.SILENT_CUT, 0).orElseThrow();

        assertThat(KernelStep.whyNot(new Action.NatPortChange("wan1"))).isEmpty();
        assertThat(ports.kind()).isEqualTo(KernelStep.PORTS);
        assertThat(ports.apply()).isEqualTo(plan.natPortChange(wan1));
        assertThat(ports.undo()).isEqualTo(plan.natPortChangeEnd(wan1));
        assertThat(String.join(" ", ports.apply().get(0))).contains("masquerade to :40000-40999");
        assertThat(ports.apply().get(1)).containsSubsequence(plan.isp(wan1), "conntrack", "-F");
        assertThat(String.join(" ", ports.undo().get(0))).contains("oifname \"up1\" masquerade").doesNotContain("40000");
    }
}
