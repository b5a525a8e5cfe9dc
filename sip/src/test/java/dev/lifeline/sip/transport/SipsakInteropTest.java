package dev.lifeline.sip.transport;

import dev.lifeline.sip.Programs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with a SIP peer we did not write: Debian's sipsak sends OPTIONS to a tiny UAS on this
 * transport layer and must receive the 200 (exit code 0). Skipped when sipsak is not installed,
 * except in CI, where a missing sipsak is a failure.
 */
class SipsakInteropTest {

    private static final long PROCESS_TIMEOUT_SECONDS = 30;

    private NettySipTransport uas;

    @BeforeEach
    void startUas() throws TransportException {
        AtomicReference<SipTransportLayer> self = new AtomicReference<>();
        TransportConfig config = TransportConfig.of(List.of(
                ListenPoint.of(Transport.UDP, "127.0.0.1", 0), ListenPoint.of(Transport.TCP, "127.0.0.1", 0)));
        uas = NettySipTransport.start(config, inbound -> answer(self.get(), inbound));
        self.set(uas);
    }

    @AfterEach
    void stopUas() {
        uas.close();
    }

    /** OPTIONS gets 200 OK, every other request 501 Not Implemented; responses are ignored. */
    private static void answer(SipTransportLayer transport, InboundMessage inbound) {
        if (inbound.message() instanceof SipRequest request && !request.isMethod("ACK")) {
            SipResponse response = request.isMethod("OPTIONS")
                    ? SipResponse.forRequest(request, 200, "OK").build()
                    : SipResponse.forRequest(request, 501, "Not Implemented").build();
            transport.sendResponse(response, inbound.connection());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sipsakGetsA200ForOptions(Transport transport) throws Exception {
        Path sipsak = Programs.require("sipsak", "sipsak");
        int port = uas.listenPoints().stream().filter(p -> p.transport() == transport)
                .findFirst().orElseThrow().address().getPort();
        List<String> command = new ArrayList<>(List.of(sipsak.toString(), "-vv", "-H", "127.0.0.1",
                "--local-ip", "127.0.0.1", "-s", "sip:test@127.0.0.1:" + port));
        if (transport == Transport.TCP) {
            command.addAll(List.of("--transport", "tcp"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("sipsak finished within %d s; output:%n%s", PROCESS_TIMEOUT_SECONDS, output).isTrue();
        assertThat(process.exitValue()).as("sipsak exit code; output:%n%s", output).isZero();
        assertThat(output).contains("200 OK");
        assertThat(uas.stats().messagesReceived()).isGreaterThanOrEqualTo(1);
    }
}
