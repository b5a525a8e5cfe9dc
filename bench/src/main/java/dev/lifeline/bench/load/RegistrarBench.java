package dev.lifeline.bench.load;

import dev.lifeline.drill.lab.storm.Latencies;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code lifeline bench registrations --target HOST:PORT}: the REGISTER load against registrars
 * running as their own processes — the Lifeline gateway ({@code lifeline gateway run}) and a
 * peer such as Kamailio — one after the other in the same run, with the same generator and
 * the same plain SIP. Per target: registrations/s, failures by status, 503s, timeouts, latency
 * percentiles (first REGISTER sent → 200), the target's CPU per 1,000 registrations (from
 * /proc, over its process tree) and the generator's own CPU and whether it was the limit.
 *
 * <p>With {@code storm} the run is the storm instead: {@code storm} phones register at the
 * offered rate, then all re-register at once, then each asks for its bindings (no binding
 * lost means every phone finds its own Contact).
 */
public final class RegistrarBench {

    /**
     * @param rate      offered registrations per second (paced); 0 for closed-loop
     * @param phones    simulated phones (each one registration in flight at most)
     * @param storm     phones of the storm, 0 for a sustained run
     */
    public record Options(List<RegisterStorm.Target> targets, double rate, int phones, Duration duration,
                          int maxRegistrations, Duration warmup, Duration timeout, int storm) {

        public Options {
            targets = List.copyOf(targets);
        }
    }

    /** One target's results: the sustained run, or the storm's three runs. */
    public record TargetReport(RegisterStorm.Target target, Optional<RegisterStorm.Result> sustained,
                               Optional<StormReport> storm) {
    }

    /** The storm's phases: first registration (paced), all at once, the binding check. */
    public record StormReport(int phones, RegisterStorm.Result first, RegisterStorm.Result reRegister,
                              RegisterStorm.Result check) {

        /** Every phone re-registered (a 200 each) within the run. */
        public boolean everyPhoneReRegistered() {
            return reRegister.registered() >= phones;
        }

        /** Phones that did not find their own binding: answered without it, or never answered. */
        public long bindingsLost() {
            return phones - check.bindingsFound();
        }
    }

    private RegistrarBench() {
    }

    public static List<TargetReport> run(Options o, PrintStream out) {
        describe(o, out);
        List<TargetReport> reports = new ArrayList<>();
        for (RegisterStorm.Target t : o.targets()) {
            reports.add(o.storm() > 0 ? new TargetReport(t, Optional.empty(), Optional.of(storm(t, o, out)))
                    : new TargetReport(t, Optional.of(sustained(t, o, out)), Optional.empty()));
        }
        if (o.storm() > 0) {
            printStorm(reports, o, out);
        } else {
            printSustained(reports, out);
        }
        return reports;
    }

    private static void describe(Options o, PrintStream out) {
        String load = o.rate() > 0 ? String.format("%.0f registrations/s offered (paced)", o.rate())
                : "closed loop (each phone starts again as soon as it is answered)";
        if (o.storm() > 0) {
            out.printf("REGISTER storm with digest: %d phones register at %s, then all re-register at once,"
                    + " then each queries its bindings%n", o.storm(), o.rate() > 0 ? String.format("%.0f/s", o.rate())
                    : "once each, all at once");
        } else {
            out.printf("Registrations with digest (REGISTER, 401, REGISTER, 200): %s, %d phones, %d s per target"
                            + " (after %d s warm-up), at most %d%n", load, o.phones(), o.duration().toSeconds(),
                    o.warmup().toSeconds(), o.maxRegistrations());
        }
        out.printf("Generator: lifeline bench (plain SIP over UDP from 127.0.0.1, %d processors visible to it)%n",
                Runtime.getRuntime().availableProcessors());
        for (RegisterStorm.Target t : o.targets()) {
            out.printf("Target %-10s sip:%s:%d  realm %s, password %s + user%s%n", t.name(),
                    t.address().getAddress().getHostAddress(), t.address().getPort(), t.realm(), t.passwordPrefix(),
                    t.pid().isPresent() ? ", pid " + t.pid().getAsLong() + " (CPU from /proc over its process tree)"
                            : ", pid not given (no CPU figure)");
        }
    }

    private static RegisterStorm.Result sustained(RegisterStorm.Target t, Options o, PrintStream out) {
        try (RegisterStorm storm = RegisterStorm.open(t, o.phones(), o.timeout())) {
            if (o.warmup().isPositive()) {
                storm.run(load(o, o.warmup()), out, t.name() + " warm-up");
            }
            return storm.run(load(o, o.duration()), out, t.name());
        }
    }

    private static RegisterStorm.Load load(Options o, Duration d) {
        return o.rate() > 0 ? RegisterStorm.Load.paced(o.rate(), d, o.maxRegistrations())
                : RegisterStorm.Load.closedLoop(d, o.maxRegistrations());
    }

    private static StormReport storm(RegisterStorm.Target t, Options o, PrintStream out) {
        int n = o.storm();
        try (RegisterStorm storm = RegisterStorm.open(t, n, o.timeout())) {
            RegisterStorm.Result first = storm.run(RegisterStorm.Load.everyPhoneOnce(o.rate(), o.duration(), n), out,
                    t.name() + " registers");
            RegisterStorm.Result again = storm.run(RegisterStorm.Load.everyPhoneOnce(0, o.duration(), n), out,
                    t.name() + " all at once");
            RegisterStorm.Result check = storm.run(RegisterStorm.Load.queryEveryPhone(o.rate(), o.duration(), n), out,
                    t.name() + " bindings");
            return new StormReport(n, first, again, check);
        }
    }

    static final String HEADER = String.format("%-22s %9s %9s %8s %8s %8s %8s %6s %8s %10s %9s %9s", "target",
            "offered/s", "per s", "p50 ms", "p95 ms", "p99 ms", "failures", "503s", "timeouts", "CPU s/1k", "gen cores",
            "gen limit");

    static String row(String name, RegisterStorm.Result r) {
        Latencies.Percentiles p = r.latency();
        return String.format("%-22s %9s %9.0f %8.2f %8.2f %8.2f %8d %6d %8d %10s %9.2f %9s", name,
                r.offered() > 0 ? String.format("%.0f", r.offered()) : "closed", r.perSecond(), p.p50(), p.p95(), p.p99(),
                r.failures(), r.refused(), r.timedOut(),
                Double.isNaN(r.targetCpuPerThousand()) ? "-" : String.format("%.3f", r.targetCpuPerThousand()),
                r.generatorCores(), r.generatorSaturated() ? "SATURATED" : "no");
    }

    private static void printSustained(List<TargetReport> reports, PrintStream out) {
        out.println();
        out.println(HEADER);
        for (TargetReport r : reports) {
            out.println(row(r.target().name(), r.sustained().orElseThrow()));
        }
        notes(reports.stream().map(r -> Map.entry(r.target().name(), r.sustained().orElseThrow())).toList(), out);
        cpuRatio(reports.stream().map(r -> Map.entry(r.target().name(), r.sustained().orElseThrow())).toList(), out);
    }

    private static void printStorm(List<TargetReport> reports, Options o, PrintStream out) {
        out.println();
        out.println(HEADER);
        List<Map.Entry<String, RegisterStorm.Result>> rows = new ArrayList<>();
        for (TargetReport r : reports) {
            StormReport s = r.storm().orElseThrow();
            rows.add(Map.entry(r.target().name() + ", first", s.first()));
            rows.add(Map.entry(r.target().name() + ", all at once", s.reRegister()));
            rows.add(Map.entry(r.target().name() + ", query", s.check()));
        }
        rows.forEach(e -> out.println(row(e.getKey(), e.getValue())));
        notes(rows, out);
        out.println();
        out.printf("%-12s %8s %22s %18s %14s%n", "storm", "phones", "all re-registered in", "every phone 200", "bindings lost");
        for (TargetReport r : reports) {
            StormReport s = r.storm().orElseThrow();
            out.printf("%-12s %8d %20.2f s %18s %14d%n", r.target().name(), s.phones(),
                    s.reRegister().elapsed().toNanos() / 1e9, s.everyPhoneReRegistered() ? "yes" : "NO ("
                            + s.reRegister().registered() + ")", s.bindingsLost());
        }
        out.println("(all re-registered in: from the first REGISTER of the burst to the last 200; bindings lost: phones"
                + " whose query's 200 did not list their Contact, or that got no 200)");
    }

    private static void notes(List<Map.Entry<String, RegisterStorm.Result>> rows, PrintStream out) {
        for (Map.Entry<String, RegisterStorm.Result> e : rows) {
            RegisterStorm.Result r = e.getValue();
            if (!r.failedByStatus().isEmpty()) {
                out.printf("  %s failures by status: %s%n", e.getKey(), r.failedByStatus().entrySet().stream()
                        .map(s -> s.getKey() + " x" + s.getValue()).collect(Collectors.joining(", ")));
            }
            if (r.notStarted() > 0 || r.late() > 0) {
                out.printf("  %s: %d registrations due while every phone was busy, %d sent over 20 ms late%n",
                        e.getKey(), r.notStarted(), r.late());
            }
        }
        out.println("(per s: 200 OKs per second from the first REGISTER to the last answer; latency: first REGISTER sent"
                + " to 200 OK, challenge included; CPU s/1k: the target's CPU seconds per 1,000 registrations, user +"
                + " system, whole process tree; gen cores: the generator's CPU; gen limit: SATURATED when it fell behind"
                + " its offered rate or one of its threads used 90 % of a core)");
    }

    private static void cpuRatio(List<Map.Entry<String, RegisterStorm.Result>> rows, PrintStream out) {
        if (rows.size() < 2) {
            return;
        }
        RegisterStorm.Result first = rows.get(0).getValue();
        for (Map.Entry<String, RegisterStorm.Result> e : rows.subList(1, rows.size())) {
            double ratio = first.targetCpuPerThousand() / e.getValue().targetCpuPerThousand();
            if (!Double.isNaN(ratio)) {
                out.printf("CPU per registration, %s / %s: %.2fx%n", rows.get(0).getKey(), e.getKey(), ratio);
            }
        }
    }

    /** A target from {@code [NAME=]HOST:PORT}; the host must be a loopback address. */
    public static InetSocketAddress loopback(String hostPort) throws Flags.UsageException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new Flags.UsageException("--target takes HOST:PORT (e.g. 127.0.0.1:5060), not '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new Flags.UsageException("--target " + hostPort + ": the port must be 1-65535");
        }
        InetSocketAddress a = new InetSocketAddress(hostPort.substring(0, colon), port);
        if (a.isUnresolved() || !a.getAddress().isLoopbackAddress()) {
            throw new Flags.UsageException("--target " + hostPort + ": the load goes to 127.0.0.0/8 only");
        }
        return a;
    }
}
