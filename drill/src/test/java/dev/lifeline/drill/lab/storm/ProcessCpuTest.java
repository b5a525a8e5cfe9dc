package dev.lifeline.drill.lab.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void utimeAndStimeAreReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (kamailio (udp) 1) S 4200 4242 4242 0 -1 4194560 100 0 0 0 123 45 6 7 20 0 1 0 100 0 0";

        assertThat(ProcessCpu.ticksOf(stat)).isEqualTo(168);
        assertThat(ProcessCpu.parentOf(stat)).isEqualTo(4200);
    }

    @Test
    void thisProcessHasUsedSomeCpuAndAnEndedOneHasNoFigure() {
        long self = ProcessHandle.current().pid();
        long busyUntil = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < busyUntil) {
            spin++;
        }

        assertThat(spin).isPositive();
        assertThat(ProcessCpu.ofTree(self)).isPresent();
        assertThat(ProcessCpu.ofTree(self).orElseThrow()).isGreaterThan(Duration.ZERO);
        assertThat(ProcessCpu.ofTree(Long.MAX_VALUE)).isEmpty();
    }
}
