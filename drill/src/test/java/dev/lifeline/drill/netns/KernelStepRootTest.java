package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.scenario.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel accepts every fault's commands and each undo leaves nothing behind, in namespaces this
 * test builds from the plan and removes (as root; skipped with the reason elsewhere). What the
 * faults do to the gateway is judged by the drills themselves (cli's DrillNetnsFaultsTest).
 */
class KernelStepRootTest {

    private NetnsPlan plan;

    @BeforeAll
    static void kernelLabAvailable() {
        RootLab.assumeAvailable();
    }

    @BeforeEach
    void build() throws Exception {
        plan = RootLab.build();
    }

    @AfterEach
    void teardown() throws Exception {
        RootLab.remove(plan);
    }

    private String tables(NetnsPlan.Uplink u) throws Exception {
        return Shell.run(List.of("ip", "netns", "exec", plan.isp(u), "nft", "list", "tables"));
    }

    @Test
    void lossSipBlockAndSilentCutAreEachInTheirOwnTableAndUndoneWithoutTouchingTheNat() throws Exception {
        NetnsPlan.Uplink u = NetnsPlan.WAN1;
        List<KernelStep> steps = List.of(
                KernelStep.of(Action.Impair.loss("wan1", 3), plan, u, KernelFault.SILENT_CUT, 0).orElseThrow(),
                KernelStep.of(new Action.BlockSip("wan1"), plan, u, KernelFault.SILENT_CUT, 0).orElseThrow(),
                KernelStep.of(new Action.Blackhole("wan1", true), plan, u, KernelFault.SILENT_CUT, 0).orElseThrow());
        for (KernelStep s : steps) {
            for (List<String> c : s.apply()) {
                Shell.run(c);
            }
        }
        assertThat(tables(u)).contains("lifeline_loss", "lifeline_sip", "lifeline_fault", "lifeline_nat");
        assertThat(Shell.run(List.of("ip", "netns", "exec", plan.isp(u), "nft", "list", "table", "inet", "lifeline_loss")))
                .contains("numgen random mod 10000 < 300 drop");

        for (KernelStep s : steps.reversed()) {
            for (List<String> c : s.undo()) {
                Shell.run(c);
            }
        }
        assertThat(tables(u)).contains("lifeline_nat").doesNotContain("lifeline_loss", "lifeline_sip", "lifeline_fault");
    }

    @Test
    void natStateLossFlushesTheIspsConntrackTable() throws Exception {
        KernelStep nat = KernelStep.of(new Action.NatForget("wan2"), plan, NetnsPlan.WAN2, KernelFault.SILENT_CUT, 0).orElseThrow();

        for (List<String> c : nat.apply()) {
            assertThat(Shell.run(c)).containsAnyOf("emptied", "deleted");   // conntrack-tools says so on stderr
        }
        assertThat(nat.undo()).isEmpty();
    }

    @Test
    void aSilencedResolverIsStoppedAndRunsAgainWhenTheFaultEnds() throws Exception {
        Process resolver = new ProcessBuilder(List.of("ip", "netns", "exec", plan.inet(), "sleep", "60")).start();
        try {
            KernelStep dns = KernelStep.of(new Action.DnsFault("wan1", Action.DnsFault.Mode.SILENT), plan, NetnsPlan.WAN1,
                    KernelFault.SILENT_CUT, resolver.pid()).orElseThrow();
            waitForState(resolver.pid(), "S");

            for (List<String> c : dns.apply()) {
                Shell.run(c);
            }
            assertThat(waitForState(resolver.pid(), "T")).as("stopped").isEqualTo("T");
            for (List<String> c : dns.undo()) {
                Shell.run(c);
            }
            assertThat(waitForState(resolver.pid(), "S")).as("running again").isEqualTo("S");
        } finally {
            resolver.destroyForcibly();
            resolver.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The process's state letter from /proc (S sleeping, T stopped), waiting up to 2 s for {@code wanted}. */
    private static String waitForState(long pid, String wanted) throws Exception {
        String state = "";
        for (int i = 0; i < 20; i++) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            if (state.equals(wanted)) {
                return state;
            }
            Thread.sleep(100);
        }
        return state;
    }
}
