package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the kernel-level lab needs before it touches anything: Linux, root, network namespaces,
 * and the programs it starts. {@link #problem()} says what is missing and how to get it.
 */
public final class Preflight {

    /** Program → the Debian package that provides it. */
    static final List<String[]> PROGRAMS = List.of(
            new String[] {"ip", "iproute2"}, new String[] {"nft", "nftables"}, new String[] {"tcpdump", "tcpdump"},
            new String[] {"dnsmasq", "dnsmasq-base"}, new String[] {"kamailio", "kamailio"},
            new String[] {"conntrack", "conntrack"});   // NAT state loss: conntrack -F at the ISP
    private static final List<String> PATH_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin",
            "/usr/local/bin");

    private Preflight() {
    }

    /** Why the lab cannot run here, or empty when it can. */
    public static Optional<String> problem() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("the kernel-level lab needs Linux network namespaces; this is " + System.getProperty("os.name"));
        }
        if (!isRoot()) {
            return Optional.of("the kernel-level lab needs root (it creates network namespaces); run it with sudo, "
                    + "or use the in-process lab (drill without --netns)");
        }
        List<String> missing = new ArrayList<>();
        for (String[] p : PROGRAMS) {
            if (find(p[0]).isEmpty()) {
                missing.add(p[0] + " (package " + p[1] + ")");
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("the kernel-level lab needs " + String.join(", ", missing) + "; install with apt-get install "
                    + String.join(" ", missing.stream().map(m -> m.replaceAll(".*package (.*)\\)", "$1")).toList()));
        }
        try {
            Shell.Result r = Shell.attempt(List.of("ip", "netns", "list"));
            if (r.exit() != 0) {
                return Optional.of("`ip netns list` failed: " + r.output().strip() + "; network namespaces are not available here");
            }
        } catch (LabException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** The program's full path on the usual directories, when installed. */
    static Optional<Path> find(String program) {
        return PATH_DIRS.stream().map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    private static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[2].equals("0")).orElse(false);   // effective uid
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
