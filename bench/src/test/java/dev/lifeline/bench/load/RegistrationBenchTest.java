package dev.lifeline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The registration load test end to end at a tiny size: counts only, never timing. */
class RegistrationBenchTest {

    @Test
    void twentyRegistrationsPerRoundCompleteOnBothStoresAndTheTableIsPrinted() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        RegistrationBench.Options options = RegistrationBench.Options.defaults().withPhones(5)
                .withDuration(Duration.ofSeconds(20)).withMaxRegistrations(20).withWarmup(Duration.ZERO)
                .withStoreLoad(2, 10);

        RegistrationBench.Report report = RegistrationBench.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

        // Four rounds per store, each bounded at 20 registrations.
        assertThat(report.durable().registered()).isEqualTo(80);
        assertThat(report.memory().registered()).isEqualTo(80);
        assertThat(report.durable().failures()).isZero();
        assertThat(report.memory().failures()).isZero();
        assertThat(report.durable().latencies().size()).isEqualTo(80);
        assertThat(report.storeDurable().bindings()).isEqualTo(20);
        assertThat(report.storeMemory().bindings()).isEqualTo(20);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("gateway, SQLite store (durable)", "gateway, memory store (peer)", "durable / memory:", "Verdict:");
    }
}
