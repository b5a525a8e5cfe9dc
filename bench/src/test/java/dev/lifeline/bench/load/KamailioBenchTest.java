package dev.lifeline.bench.load;

import dev.lifeline.drill.lab.storm.RegisterStorm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator end to end against Kamailio with the repository's benchmark configuration:
 * a small paced run and a small storm, counts only, never timing. Kamailio must be installed
 * (CI installs it); without it the test fails and says so.
 */
class KamailioBenchTest {

    @TempDir
    Path dir;

    @Test
    void twoHundredRegistrationsAtOneHundredPerSecondAllSucceedAndKamailiosCpuIsRead() throws Exception {
        try (KamailioRegistrar kamailio = KamailioRegistrar.start(dir)) {
            RegisterStorm.Target target = new RegisterStorm.Target("kamailio", kamailio.address(), BenchSite.REALM, BenchSite.FIRST_NUMBER,
                    BenchSite.PASSWORD_PREFIX, OptionalLong.of(kamailio.pid()));
            RegisterStorm.Result r;
            try (RegisterStorm storm = RegisterStorm.open(target, 50, Duration.ofSeconds(4))) {
                r = storm.run(RegisterStorm.Load.paced(100, Duration.ofSeconds(20), 200), quiet(), "kamailio");
            }

            assertThat(r.registered()).as("200 OKs; kamailio's log:%n%s", kamailio.log()).isEqualTo(200);
            assertThat(r.failures()).isZero();
            assertThat(r.failedByStatus()).isEmpty();
            assertThat(r.latencies().size()).isEqualTo(200);
            assertThat(r.targetCpu()).as("kamailio's CPU, read from /proc").isPresent();
            assertThat(r.targetCpu().orElseThrow()).isPositive();
            assertThat(r.targetCpuPerThousand()).isPositive();
        }
    }

    @Test
    void aStormOfFiftyPhonesReRegistersAndEveryPhoneFindsItsBinding() throws Exception {
        try (KamailioRegistrar kamailio = KamailioRegistrar.start(dir)) {
            RegisterStorm.Target target = new RegisterStorm.Target("kamailio", kamailio.address(), BenchSite.REALM, BenchSite.FIRST_NUMBER,
                    BenchSite.PASSWORD_PREFIX, OptionalLong.of(kamailio.pid()));
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            List<RegistrarBench.TargetReport> reports = RegistrarBench.run(new RegistrarBench.Options(List.of(target),
                    200, 50, Duration.ofSeconds(20), 1000, Duration.ZERO, Duration.ofSeconds(4), 50),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));

            RegistrarBench.StormReport s = reports.get(0).storm().orElseThrow();
            assertThat(s.first().registered()).as("kamailio's log:%n%s", kamailio.log()).isEqualTo(50);
            assertThat(s.everyPhoneReRegistered()).isTrue();
            assertThat(s.check().bindingsFound()).isEqualTo(50);
            assertThat(s.bindingsLost()).isZero();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("kamailio, all at once", "bindings lost");
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
