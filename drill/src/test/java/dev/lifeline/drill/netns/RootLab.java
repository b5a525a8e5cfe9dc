package dev.lifeline.drill.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.drill.lab.LabException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bare topology of the kernel-level lab (namespaces, veths, NAT; no programs) as the root-only
 * tests build it for themselves: named for this test JVM, so nothing else is touched, and removed
 * after each test.
 */
final class RootLab {

    private RootLab() {
    }

    /** Skips the calling test, with the reason, where the kernel-level lab cannot run. */
    static void assumeAvailable() {
        Optional<String> problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "kernel-level lab not available here: " + problem.orElse(""));
    }

    /** A new plan for this JVM, its namespaces and links built. */
    static NetnsPlan build() throws Exception {
        NetnsPlan plan = NetnsPlan.of(ProcessHandle.current().pid(), ThreadLocalRandom.current().nextInt(1 << 16));
        for (List<String> c : plan.setup()) {
            Shell.run(c);
        }
        return plan;
    }

    /** Removes what {@link #build} made; every command is tried even when one fails. */
    static void remove(NetnsPlan plan) throws LabException {
        if (plan == null) {
            return;
        }
        for (List<String> c : plan.teardown()) {
            Shell.attempt(c);
        }
    }
}
