package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.path.ProbePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lifeline reflector}: answers the gateway's TWAMP-light probes, and says clearly what is wrong with its options. */
class ReflectorCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void answersAnAllowedSitesProbesThenStopsByItself() throws Exception {
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run("reflector", "--listen",
                "127.0.0.1:0", "--allow", "127.0.0.0/8", "--duration", "3s", "--report", "1s"));
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        await().atMost(Duration.ofSeconds(10)).until(() -> listening.matcher(out.toString()).find());
        Matcher m = listening.matcher(out.toString());
        assertThat(m.find()).isTrue();
        int port = Integer.parseInt(m.group(1));

        try (DatagramSocket site = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            site.setSoTimeout(2000);
            ByteBuf test = ProbePacket.encode(ByteBufAllocator.DEFAULT, new ProbePacket.Probe(12, 0));
            byte[] bytes = ByteBufUtil.getBytes(test);
            test.release();
            site.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
            DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
            site.receive(answer);
            assertThat(answer.getLength()).isEqualTo(bytes.length);
            assertThat(ProbePacket.decodeReflected(Unpooled.wrappedBuffer(answer.getData(), 0, answer.getLength())))
                    .hasValueSatisfying(p -> assertThat(p.seq()).isEqualTo(12));
        }

        assertThat(running.get()).isZero();
        assertThat(out.toString()).contains("answered 1, refused 0", "Lifeline reflector stopped");
    }

    @Test
    void withoutSayingWhomToAnswerItRefusesToStart() {
        assertThat(run("reflector", "--listen", "127.0.0.1:0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("say whose probes to answer: --allow NETWORK");
    }

    @Test
    void badOptionsAreNamed() {
        assertThat(run("reflector", "--listen", "127.0.0.1:0", "--allow", "provider.example")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("\"provider.example\" is not an IP network");
        assertThat(run("reflector", "--listen", "localhost", "--allow-any")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("expected an IP address and a port");
        assertThat(run("reflector", "--listen", "127.0.0.1:0", "--allow-any", "--duration", "5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--duration").contains("no unit");
        assertThat(err.toString()).doesNotContain("Exception");
    }
}
