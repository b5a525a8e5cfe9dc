package dev.lifeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The call load test end to end at a tiny size: counts only, never timing. */
class CallBenchTest {

    @Test
    void threeCallsWithMediaCompleteThroughTheGatewayAndDirectly() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CallBench.Options options = new CallBench.Options(3, 3, Duration.ofMillis(300), Duration.ofSeconds(20));

        CallBench.Report report = CallBench.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        for (CallLoad.Result side : new CallLoad.Result[] {report.gateway(), report.direct()}) {
            assertThat(side.setUp()).isEqualTo(3);
            assertThat(side.completed()).isEqualTo(3);
            assertThat(side.failed()).isZero();
            assertThat(side.rtpSent()).isPositive();
            // Both directions of every call carried media: each phone's 300 ms is about 15 packets.
            assertThat(side.rtpReceived()).isGreaterThan(3 * 2 * 5);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("through the gateway (B2BUA)", "direct, phone to phone (peer)", "gateway / direct:", "Verdict:");
    }
}
