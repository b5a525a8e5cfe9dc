package dev.lifeline.sip.stack;

import dev.lifeline.sip.Programs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.auth.DigestAlgorithm;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with a peer we did not write: Debian's sipsak sends OPTIONS to a UAS built on the
 * stack and must get the handler's 200, and registers through a digest challenge (exit code 0).
 * Skipped without sipsak, except in CI.
 */
class SipsakStackInteropTest {

    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    private NettySipStack uas;

    @BeforeEach
    void startUas() throws Exception {
        uas = StackPair.start(request -> {
            if (request.method().equals("OPTIONS")) {
                request.respond(200, "OK");
            } else {
                request.respond(501, "Not Implemented");
            }
        });
    }

    @AfterEach
    void stopUas() {
        uas.close();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sipsakGetsTheHandlers200ForOptions(Transport transport) throws Exception {
        int port = StackPair.address(uas, transport).getPort();
        List<String> command = new ArrayList<>(List.of(Programs.require("sipsak", "sipsak").toString(), "-vv", "-H", "127.0.0.1",
                "--local-ip", "127.0.0.1", "-s", "sip:test@127.0.0.1:" + port));
        if (transport == Transport.TCP) {
            command.addAll(List.of("--transport", "tcp"));
        }
        String output = run(command);

        assertThat(output).contains("200 OK");
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sipsakRegistersThroughTheDigestChallenge(Transport transport) throws Exception {
        TestRegistrar registrar = new TestRegistrar(List.of(DigestAlgorithm.MD5)); // sipsak speaks MD5 only
        try (NettySipStack registrarStack = StackPair.start(registrar::onRequest)) {
            int port = StackPair.address(registrarStack, transport).getPort();
            List<String> command = new ArrayList<>(List.of(Programs.require("sipsak", "sipsak").toString(), "-vv", "-U", "-H", "127.0.0.1",
                    "--local-ip", "127.0.0.1", "-C", "sip:1001@127.0.0.1:5099", "-u", "1001", "-a", "s3cret-1001",
                    "-s", "sip:1001@127.0.0.1:" + port));
            if (transport == Transport.TCP) {
                command.addAll(List.of("--transport", "tcp"));
            }
            String output = run(command);

            assertThat(registrar.verdicts()).as("sipsak output:%n%s", output).isNotEmpty()
                    .allMatch(v -> v instanceof Verdict.Accepted);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("sipsak finished within %d s; output:%n%s", PROCESS_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as("sipsak exit code; output:%n%s", output).isZero();
        return output;
    }
}
