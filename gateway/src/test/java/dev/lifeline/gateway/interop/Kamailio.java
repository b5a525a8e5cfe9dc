package dev.lifeline.gateway.interop;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Debian's kamailio as a provider registrar/proxy on 127.0.0.1: the test's own configuration
 * (resource {@code interop/kamailio.cfg}) in a temporary directory, run in the foreground with
 * its own pid file and runtime directory, so the package's system service never matters.
 */
final class Kamailio implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(10);
    private static final List<String> MODULE_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/aarch64-linux-gnu/kamailio/modules",
            "/usr/lib/kamailio/modules", "/usr/lib64/kamailio/modules", "/usr/local/lib64/kamailio/modules");

    private final PeerProcess process;
    private final InetSocketAddress address;

    private Kamailio(PeerProcess process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts kamailio on a free UDP port and returns once it answers OPTIONS. A port taken
     * between choosing and binding it (another program was quicker) is retried on another.
     */
    static Kamailio start(Path binary, Path dir) throws Exception {
        String modules = MODULE_DIRS.stream().filter(d -> Files.exists(Path.of(d, "tm.so"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("kamailio modules (tm.so) not found in " + MODULE_DIRS));
        String template;
        try (InputStream in = Kamailio.class.getResourceAsStream("/interop/kamailio.cfg")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = FreePorts.udp();
            Path cfg = dir.resolve("kamailio.cfg");
            Files.writeString(cfg, template.replace("@PORT@", Integer.toString(port)).replace("@MODULES@", modules)
                    .replace("@SECRET@", UUID.randomUUID().toString().replace("-", "")));
            Path run = Files.createDirectories(dir.resolve("run"));
            PeerProcess process = PeerProcess.start("kamailio", List.of(binary.toString(), "-f", cfg.toString(), "-DD", "-E",
                    "-m", "32", "-M", "8", "-P", dir.resolve("kamailio.pid").toString(), "-Y", run.toString()),
                    dir, dir.resolve("kamailio-" + attempt + ".log"));
            Kamailio kamailio = new Kamailio(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            if (kamailio.answersOptions(READY)) {
                return kamailio;
            }
            failure = new IllegalStateException("kamailio did not answer OPTIONS on 127.0.0.1:" + port + " within "
                    + READY.toSeconds() + " s\n" + process.tail(40));
            kamailio.close();
        }
        throw failure;
    }

    InetSocketAddress address() {
        return address;
    }

    /** host:port, as a trunk's provider setting. */
    String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    String tail(int lines) {
        return process.tail(lines);
    }

    String log() {
        return process.output();
    }

    /** Sends OPTIONS every 200 ms until a 200 comes back, kamailio exits, or {@code within} passes. */
    private boolean answersOptions(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            int local = socket.getLocalPort();
            while (System.nanoTime() < deadline && process.isAlive()) {
                String branch = "z9hG4bK-ready-" + ThreadLocalRandom.current().nextInt(1 << 30);
                String options = "OPTIONS sip:" + hostPort() + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=" + branch + ";rport\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=" + branch + "\r\n"
                        + "To: <sip:" + hostPort() + ">\r\nCall-ID: " + branch + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
                        + "Content-Length: 0\r\n\r\n";
                byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, address));
                byte[] buffer = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(reply);
                    if (new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // not up yet
                }
                // ICMP port unreachable surfaces as PortUnreachableException only on connected sockets: pace ourselves.
                Thread.sleep(50);
            }
        }
        return false;
    }

    @Override
    public void close() {
        process.close();
    }
}
