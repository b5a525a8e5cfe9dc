package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A path's {@code interface:} on a real kernel: a site namespace with two uplinks and no policy
 * routing (the default route goes out by uplink 1, the one via uplink 2 has a worse metric), and a
 * far namespace counting, per uplink, the packets from path wan2's address (10.77.2.2, on uplink
 * 2). Unpinned, wan2's SIP, probes, RTP and DNS leave by uplink 1 — the routing table's choice, and the
 * check that this test can fail; pinned to {@code up2}, all of them leave by uplink 2. Root only;
 * the namespaces carry a per-run prefix and are removed at the end.
 */
class PathInterfaceNetnsTest {

    private static final Path IP = Path.of("/usr/sbin/ip");
    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final String WAN2 = "10.77.2.2";
    private static final String TARGET = "10.77.9.1";
    /** What each counter matches on the far side, besides the uplink and wan2's source address. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sip_udp", "udp dport " + PinnedPathTraffic.SIP_PORT);
        KINDS.put("sip_tcp", "tcp dport " + PinnedPathTraffic.SIP_PORT);
        KINDS.put("quality_probe", "udp dport " + PinnedPathTraffic.REFLECTOR_PORT);
        KINDS.put("stun", "udp dport " + PinnedPathTraffic.STUN_PORT);
        KINDS.put("rtp", "udp dport " + PinnedPathTraffic.RTP_PORT);
        KINDS.put("dns", "udp dport " + PinnedPathTraffic.DNS_PORT);
    }

    private final String prefix = "llbtd" + Long.toHexString(ProcessHandle.current().pid())
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
    private final String site = prefix + "-site";
    private final String far = prefix + "-far";
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void topology() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "needs root to create network namespaces (run the build as root to include this test)");
        assumeTrue(Files.isExecutable(IP), "iproute2 is not installed (apt-get install iproute2)");
        assumeTrue(Files.isExecutable(NFT), "nft is not installed (apt-get install nftables)");
        run("ip", "netns", "add", site);
        created.add(site);
        run("ip", "netns", "add", far);
        created.add(far);
        for (int n = 1; n <= 2; n++) {
            run("ip", "-n", site, "link", "add", "up" + n, "type", "veth", "peer", "name", "f" + n, "netns", far);
            run("ip", "-n", site, "addr", "add", "10.77." + n + ".2/24", "dev", "up" + n);
            run("ip", "-n", far, "addr", "add", "10.77." + n + ".1/24", "dev", "f" + n);
            run("ip", "-n", site, "link", "set", "up" + n, "up");
            run("ip", "-n", far, "link", "set", "f" + n, "up");
        }
        run("ip", "-n", site, "link", "set", "lo", "up");
        run("ip", "-n", far, "link", "set", "lo", "up");
        run("ip", "-n", far, "addr", "add", TARGET + "/32", "dev", "lo");
        // No ip rule per source address: the metric alone picks uplink 1 for every packet.
        run("ip", "-n", site, "route", "add", "default", "via", "10.77.1.1", "dev", "up1", "metric", "10");
        run("ip", "-n", site, "route", "add", "default", "via", "10.77.2.1", "dev", "up2", "metric", "20");
        StringBuilder rules = new StringBuilder("table inet pin {\n");
        for (String f : List.of("f1", "f2")) {
            KINDS.keySet().forEach(k -> rules.append("  counter ").append(k).append('_').append(f).append(" { }\n"));
        }
        rules.append("  chain pre {\n    type filter hook prerouting priority -300; policy accept;\n");
        for (String f : List.of("f1", "f2")) {
            KINDS.forEach((k, match) -> rules.append("    iifname \"").append(f).append("\" ip saddr ").append(WAN2)
                    .append(' ').append(match).append(" counter name ").append(k).append('_').append(f).append('\n'));
        }
        rules.append("  }\n}\n");
        Path file = Files.createTempFile(prefix, ".nft");
        try {
            Files.writeString(file, rules);
            run("ip", "netns", "exec", far, NFT.toString(), "-f", file.toString());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @AfterEach
    void remove() {
        for (String ns : created.reversed()) {
            try {
                run("ip", "netns", "del", ns);
            } catch (Exception e) {
                System.err.println("could not remove namespace " + ns + ": " + e.getMessage());
            }
        }
    }

    @Test
    void pinnedPathLeavesByItsOwnDeviceWhereRoutingAlonePicksTheOther() throws Exception {
        Map<String, Long> before = counters();
        traffic("-");
        Map<String, Long> unpinned = since(before);
        System.out.println("unpinned wan2, packets from " + WAN2 + " counted by nft in " + far + ": " + unpinned);
        // The routing table sends wan2's traffic out of uplink 1: without the pin the test fails.
        KINDS.keySet().forEach(k -> assertThat(unpinned.get(k + "_f1"))
                .as("unpinned %s from %s observed on the far end of uplink 1", k, WAN2).isPositive());
        KINDS.keySet().forEach(k -> assertThat(unpinned.get(k + "_f2"))
                .as("unpinned %s from %s observed on the far end of uplink 2", k, WAN2).isZero());

        before = counters();
        traffic("up2");
        Map<String, Long> pinned = since(before);
        System.out.println("wan2 pinned to up2, packets from " + WAN2 + " counted by nft in " + far + ": " + pinned);
        KINDS.keySet().forEach(k -> assertThat(pinned.get(k + "_f2"))
                .as("pinned %s from %s observed on the far end of uplink 2", k, WAN2).isPositive());
        KINDS.keySet().forEach(k -> assertThat(pinned.get(k + "_f1"))
                .as("pinned %s from %s observed on the far end of uplink 1", k, WAN2).isZero());
    }

    @Test
    void aDeviceMissingInTheSiteNamespaceStopsThePathWithOneLine() throws Exception {
        Map<String, Long> before = counters();
        Result r = runChild("wan9");
        assertThat(r.exit()).as(r.output()).isEqualTo(3);
        assertThat(r.output()).contains("FAILED:").contains("interface wan9").contains("No such device");
        // Refused, not sent by the default device instead.
        assertThat(since(before).values()).as("packets from %s seen on either uplink", WAN2).allMatch(v -> v == 0);
    }

    @Test
    void theGatewayPinsAPathsSignallingAndProbesToItsInterface() throws Exception {
        Map<String, Long> before = counters();
        runGateway(Optional.empty());
        Map<String, Long> unpinned = since(before);
        System.out.println("gateway, wan2 unpinned, packets from " + WAN2 + " counted by nft in " + far + ": "
                + unpinned);
        for (String k : List.of("sip_udp", "quality_probe")) {
            assertThat(unpinned.get(k + "_f1")).as("unpinned gateway %s from %s on uplink 1", k, WAN2).isPositive();
            assertThat(unpinned.get(k + "_f2")).as("unpinned gateway %s from %s on uplink 2", k, WAN2).isZero();
        }

        before = counters();
        runGateway(Optional.of("up2"));
        Map<String, Long> pinned = since(before);
        System.out.println("gateway, wan2 pinned to up2, packets from " + WAN2 + " counted by nft in " + far + ": "
                + pinned);
        for (String k : List.of("sip_udp", "quality_probe")) {
            assertThat(pinned.get(k + "_f2")).as("pinned gateway %s from %s on uplink 2", k, WAN2).isPositive();
            assertThat(pinned.get(k + "_f1")).as("pinned gateway %s from %s on uplink 1", k, WAN2).isZero();
        }
    }

    /** Runs the gateway with paths wan1 (uplink 1) and wan2 in the site namespace for a few seconds. */
    private void runGateway(Optional<String> wan2Device) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        Path yaml = dir.resolve("site.yaml");
        Files.writeString(yaml, """
                site: {name: Pinned site, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                  - {number: 1001, name: Reception, password: pw1001}
                trunks:
                  - {name: provider, provider: "%s:%d", transport: udp, register: true, username: site1,
                     password: trunkpw, priority: 1}
                paths:
                  - {name: wan1, bind: 10.77.1.2, priority: 1}
                  - {name: wan2, bind: %s, %s priority: 2}
                failover: {probeInterval: 500ms, reflector: "%s:%d"}
                dialPlan: {emergency: [911]}
                registrar: {realm: pinned.test}
                """.formatted(TARGET, PinnedPathTraffic.SIP_PORT, WAN2,
                wan2Device.map(d -> "interface: " + d + ",").orElse(""), TARGET, PinnedPathTraffic.REFLECTOR_PORT));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("gateway.out");
        Process p = new ProcessBuilder("ip", "netns", "exec", site, java, "-cp", classPath,
                "dev.lifeline.gateway.PinnedGatewayChild", dir.resolve("data").toString(), yaml.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("READY") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as("gateway in %s", site).contains("READY");
            Thread.sleep(3000); // OPTIONS every 500 ms and 50 quality probes a second on each path
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void traffic(String device) throws Exception {
        Result r = runChild(device);
        assertThat(r.exit()).as("traffic with device %s: %s", device, r.output()).isZero();
    }

    private Result runChild(String device) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return exec(60, "ip", "netns", "exec", site, java, "-cp", classPath, PinnedPathTraffic.class.getName(),
                WAN2, device, TARGET);
    }

    private Map<String, Long> counters() throws Exception {
        String text = run("ip", "netns", "exec", far, NFT.toString(), "list", "counters", "table", "inet", "pin");
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("counter (\\w+) \\{\\s*packets (\\d+)").matcher(text);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(out).as("counters read from nft in %s: %s", far, text).hasSize(KINDS.size() * 2);
        return out;
    }

    private Map<String, Long> since(Map<String, Long> before) throws Exception {
        Map<String, Long> now = counters();
        Map<String, Long> out = new LinkedHashMap<>();
        now.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
        return out;
    }

    private record Result(int exit, String output) {
    }

    private static String run(String... command) throws Exception {
        Result r = exec(20, command);
        if (r.exit() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }

    private static Result exec(int timeoutSeconds, String... command) throws Exception {
        // Output goes to a file: a chatty child cannot fill a pipe nobody reads and stall.
        Path out = Files.createTempFile("llbtd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
