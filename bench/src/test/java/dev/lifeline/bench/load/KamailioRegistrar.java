package dev.lifeline.bench.load;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

/**
 * Debian's kamailio started with the repository's benchmark configuration
 * ({@code bench/kamailio/kamailio-bench.cfg}, the one {@code bench/kamailio/run} uses) on a free
 * UDP port of 127.0.0.1, in the foreground with its own pid file and runtime directory.
 */
final class KamailioRegistrar implements AutoCloseable {

    static final List<String> BINARIES = List.of("/usr/sbin/kamailio", "/usr/local/sbin/kamailio");
    private static final List<String> MODULE_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/aarch64-linux-gnu/kamailio/modules",
            "/usr/lib/kamailio/modules", "/usr/lib64/kamailio/modules", "/usr/local/lib64/kamailio/modules");
    private static final Path CONFIG = Path.of("kamailio", "kamailio-bench.cfg");   // surefire runs in bench/

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private KamailioRegistrar(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts kamailio and returns once it answers OPTIONS; throws with a clear message when it is not installed. */
    static KamailioRegistrar start(Path dir) throws Exception {
        Path binary = BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("kamailio is not installed (looked for " + BINARIES + "); this test"
                        + " compares with it: apt-get install --no-install-recommends kamailio (CI's .ci/run does)"));
        String modules = MODULE_DIRS.stream().filter(d -> Files.exists(Path.of(d, "registrar.so"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("kamailio modules (registrar.so) not found in " + MODULE_DIRS));
        String template = Files.readString(CONFIG);
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freeUdpPort();
            Path cfg = dir.resolve("kamailio.cfg");
            Files.writeString(cfg, template.replace("@PORT@", Integer.toString(port)).replace("@MODULES@", modules)
                    .replace("@CHILDREN@", "2").replace("@REALM@", BenchSite.REALM)
                    .replace("@SECRET@", UUID.randomUUID().toString().replace("-", "")));
            Path run = Files.createDirectories(dir.resolve("run"));
            Path log = dir.resolve("kamailio-" + attempt + ".log");
            Process p = new ProcessBuilder(binary.toString(), "-f", cfg.toString(), "-DD", "-E", "-m", "64", "-M", "8",
                    "-P", dir.resolve("kamailio.pid").toString(), "-Y", run.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            KamailioRegistrar k = new KamailioRegistrar(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
            if (k.answersOptions(Duration.ofSeconds(10))) {
                return k;
            }
            failure = new IllegalStateException("kamailio did not answer OPTIONS on 127.0.0.1:" + port + "; its log:\n"
                    + Files.readString(log));
            k.close();
        }
        throw failure;
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private boolean answersOptions(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(200);
            int local = socket.getLocalPort();
            for (int i = 0; System.nanoTime() < deadline && process.isAlive(); i++) {
                String branch = "z9hG4bK-ready-" + i;
                String options = "OPTIONS sip:127.0.0.1:" + address.getPort() + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=" + branch + ";rport\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=" + branch + "\r\n"
                        + "To: <sip:127.0.0.1>\r\nCall-ID: " + branch + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\n"
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
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Stops kamailio by its pid (SIGTERM to the main process, which ends its children), SIGKILL after 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
