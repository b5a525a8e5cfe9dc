package dev.lifeline.bench.load;

import dev.lifeline.drill.lab.storm.RegisterStorm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external-target generator against a gateway at host:port (here in this process): counts only, never timing. */
class RegistrarBenchTest {

    @TempDir
    Path dir;

    @Test
    void aStormAgainstTheGatewayReRegistersEveryPhoneAndLosesNoBinding() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Gateway g = Gateway.start(BenchSite.config(30, dir.resolve("gateway")))) {
            RegisterStorm.Target target = BenchSite.target("lifeline", RegistrationBench.udpAddress(g));

            List<RegistrarBench.TargetReport> reports = RegistrarBench.run(new RegistrarBench.Options(List.of(target),
                    100, 30, Duration.ofSeconds(20), 1000, Duration.ZERO, Duration.ofSeconds(4), 30),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            RegistrarBench.StormReport s = reports.get(0).storm().orElseThrow();
            assertThat(s.first().registered()).isEqualTo(30);
            assertThat(s.everyPhoneReRegistered()).isTrue();
            assertThat(s.check().bindingsFound()).isEqualTo(30);
            assertThat(s.check().bindingsMissing()).isZero();
            assertThat(s.bindingsLost()).isZero();
            assertThat(s.first().targetCpu()).as("no pid given: no CPU figure").isEmpty();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("lifeline, all at once", "bindings lost",
                "pid not given");
    }

    @Test
    void aPacedRunStopsAtItsCountAndEveryRegistrationSucceeds() throws Exception {
        try (Gateway g = Gateway.start(BenchSite.config(20, dir.resolve("gateway")));
             RegisterStorm storm = RegisterStorm.open(BenchSite.target("lifeline",
                     RegistrationBench.udpAddress(g)), 20, Duration.ofSeconds(4))) {

            RegisterStorm.Result r = storm.run(RegisterStorm.Load.paced(200, Duration.ofSeconds(20), 100),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "paced");

            assertThat(r.registered()).as("%s", r).isEqualTo(100);
            assertThat(r.failures()).isZero();
            assertThat(r.notStarted()).isZero();
            assertThat(r.offered()).isEqualTo(200);
        }
    }

    @Test
    void targetsOutsideLoopbackAreRefused() {
        assertThatThrownBy(() -> RegistrarBench.loopback("192.0.2.1:5060"))
                .isInstanceOf(Flags.UsageException.class).hasMessageContaining("127.0.0.0/8 only");
        assertThatThrownBy(() -> RegistrarBench.loopback("127.0.0.1"))
                .isInstanceOf(Flags.UsageException.class).hasMessageContaining("HOST:PORT");
    }
}
