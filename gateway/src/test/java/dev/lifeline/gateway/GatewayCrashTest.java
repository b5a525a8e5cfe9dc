package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.sip.transport.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 OK to a REGISTER is a promise that survives kill -9: a gateway in a child JVM
 * registers a phone, is SIGKILLed (no close, no shutdown hook, no flush), and a new gateway
 * on the same storage directory still has the binding.
 */
class GatewayCrashTest {

    @TempDir
    Path storage;

    @Test
    void anAcknowledgedRegistrationSurvivesKillDashNine() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GatewayChild.class.getName(), storage.toString())
                .redirectError(storage.resolveSibling(storage.getFileName() + "-child.err").toFile())
                .start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int port = readPort(lines);
            try (Phone phone = new Phone("1001", "pw1001", new InetSocketAddress("127.0.0.1", port), Transport.UDP)) {
                assertThat(phone.withAuth(phone.register(600)).status()).isEqualTo(200);
            }
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("SIGKILL").isEqualTo(137);

        try (Gateway again = Gateway.start(TestSites.config(storage))) {
            assertThat(again.locations().all(Instant.now())).extracting(Binding::aor).containsExactly("1001");
        }
    }

    private static int readPort(BufferedReader lines) throws Exception {
        int port = -1;
        String line;
        while ((line = lines.readLine()) != null && !line.equals("READY")) {
            if (line.startsWith("UDP ")) {
                port = Integer.parseInt(line.substring(4).strip());
            }
        }
        assertThat(port).as("the child gateway reported its port").isPositive();
        return port;
    }
}
