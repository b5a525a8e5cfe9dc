package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The random loss a lab's emulator applies to one call, run after run, as the drills use it:
 * a call's RTP and the gateway's 50/s quality probe stream share the path's downstream link,
 * one packet of each every 20 ms.
 */
class WanConfigTest {

    private static final double LOSS = 0.05;
    /** A loss step's measured window: 6 s of one call's 20 ms frames. */
    private static final int FRAMES = 300;
    private static final int RUNS = 40;

    @Test
    void eachRunDrawsAFreshSampleOfTheConfiguredLossForACall() throws Exception {
        Set<Integer> outcomes = new HashSet<>();
        long lost = 0;
        for (int run = 0; run < RUNS; run++) {
            // What the lab does for a path: the emulator's defaults.
            WanConfig config = WanConfig.of("wan1", InetAddress.getByName("127.0.0.31"));
            int callLost = callFramesLost(config, run % 2 == 0);
            outcomes.add(callLost);
            lost += callLost;
        }
        double mean = 100.0 * lost / (RUNS * FRAMES);

        // A run is a sample, not a replay: the same seed every run would hand the call the same
        // few draws (which ones depending only on whether its packet or the probe's comes first).
        assertThat(outcomes).as("frames lost per run").hasSizeGreaterThan(RUNS / 4);
        // 12 000 frames: the mean is within 4 standard deviations (0.8 %) of 5 %.
        assertThat(mean).as("mean loss over %d runs, percent", RUNS).isBetween(4.2, 5.8);
    }

    /** One step's window: the call's frames, each after (or before) a probe packet. */
    private static int callFramesLost(WanConfig config, boolean callFirst) {
        Impairment lossy = Impairment.NONE.withLoss(LOSS);
        LinkState state = LinkState.INITIAL;
        int lost = 0;
        long now = 0;
        for (int frame = 0; frame < FRAMES; frame++) {
            for (int packet = 0; packet < 2; packet++) {
                boolean call = (packet == 0) == callFirst;
                LinkStep step = LinkModel.next(state, lossy, 172, now, config.random());
                state = step.state();
                if (call && step.decision() instanceof LinkDecision.Drop) {
                    lost++;
                }
            }
            now += 20_000_000L;
        }
        return lost;
    }
}
