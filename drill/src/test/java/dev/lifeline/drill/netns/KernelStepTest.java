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
        assertThat(KernelStep.whyNot(new Action.DnsFault("wan1", Action.DnsFault.Mode.SERVFAIL))).get().asString()
                .contains("SERVFAIL");
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
}
