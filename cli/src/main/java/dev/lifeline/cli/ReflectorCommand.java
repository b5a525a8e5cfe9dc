package dev.lifeline.cli;

import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.path.ProbeReflector;
import dev.lifeline.gateway.path.ReflectorAdmission;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reflector", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Run a TWAMP-light reflector (RFC 5357 Appendix I) for the gateway's quality probes on any host "
                + "the site owns, e.g. a small cloud VM, so that a site gets the 50-a-second probe stream "
                + "(sub-second detection, loss, RTT, jitter and E-model R per path) without asking its provider.",
            "",
            "It answers only the networks given with --allow (the site's public addresses), at most --rate "
                + "answers a second per source, never with more bytes than it received. Point the site at it "
                + "with failover.reflector: HOST:PORT in the site file. Runs until Ctrl-C or SIGTERM, or for "
                + "--duration; prints its counts every --report.",
            "",
            "Exit status: 0 stopped, 2 bad options or the address cannot be bound."
        })
final class ReflectorCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "0.0.0.0:862",
            description = "where to listen (default: ${DEFAULT-VALUE}, TWAMP's port; a port below 1024 needs root)")
    String listen;

    @Option(names = "--allow", paramLabel = "NETWORK",
            description = "a network whose probes are answered, e.g. 198.51.100.7 or 198.51.100.0/24; repeatable")
    List<String> allow = new ArrayList<>();

    @Option(names = "--allow-any", description = "answer any source (only behind a firewall that does the allowing)")
    boolean allowAny;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "100",
            description = "answers a second per source (default: ${DEFAULT-VALUE}; a gateway path sends 50)")
    int rate;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long, e.g. 30s or 8h")
    String duration;

    @Option(names = "--report", paramLabel = "DURATION", defaultValue = "60s",
            description = "print the counts this often (default: ${DEFAULT-VALUE})")
    String report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress bind;
        ReflectorAdmission admission;
        Duration every;
        Duration runFor;
        try {
            bind = address(listen);
            admission = admission();
            every = positive("--report", report);
            runFor = duration == null ? null : positive("--duration", duration);
        } catch (IllegalArgumentException e) {
            err.println("lifeline reflector: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ProbeReflector reflector;
        try {
            reflector = ProbeReflector.start(bind, admission, InstantSource.system());
        } catch (IllegalStateException e) {
            err.println("lifeline reflector: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (reflector) {
            InetSocketAddress at = reflector.address();
            out.println("Lifeline reflector listening on " + at.getAddress().getHostAddress() + ":" + at.getPort()
                    + " (TWAMP-light), answering " + (allowAny ? "any source" : String.join(", ", allow)) + ", at most "
                    + rate + "/s per source");
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "lifeline-reflector-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                long wait = Math.min(every.toNanos(), Math.max(0, left));
                if (stop.await(wait, TimeUnit.NANOSECONDS) || System.nanoTime() >= deadline) {
                    break;
                }
                counts(out, reflector);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook has run
            }
            counts(out, reflector);
            out.println("Lifeline reflector stopped");
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static void counts(PrintWriter out, ProbeReflector r) {
        out.println("  answered " + r.echoed() + ", refused " + r.refused() + " (not allowed or over the rate), ignored "
                + r.ignored() + " (not test packets)");
        out.flush();
    }

    private ReflectorAdmission admission() {
        if (rate < 1 || rate > 100_000) {
            throw new IllegalArgumentException("--rate " + rate + " is out of range; expected 1 to 100000 answers a second");
        }
        if (allow.isEmpty() && !allowAny) {
            throw new IllegalArgumentException("say whose probes to answer: --allow NETWORK (the site's public "
                    + "addresses, repeatable), or --allow-any behind a firewall that does the allowing");
        }
        if (!allow.isEmpty() && allowAny) {
            throw new IllegalArgumentException("--allow and --allow-any together: choose one");
        }
        List<ReflectorAdmission.Cidr> networks = new ArrayList<>();
        for (String a : allow) {
            networks.add(ReflectorAdmission.Cidr.parse(a));
        }
        return new ReflectorAdmission(networks, rate);
    }

    /** "0.0.0.0:862", "[::]:862", "127.0.0.1:0" (any free port); never asks DNS. */
    private static InetSocketAddress address(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? t : t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        int port = -1;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (!ip || port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--listen \"" + text + "\": expected an IP address and a port, e.g. "
                    + "0.0.0.0:862, [::]:862 or 127.0.0.1:8620");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--listen \"" + text + "\": " + e.getMessage());
        }
    }

    private static Duration positive(String option, String text) {
        Duration d;
        try {
            d = DurationFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
        if (!d.isPositive()) {
            throw new IllegalArgumentException(option + " must be longer than zero");
        }
        return d;
    }
}
