package dev.lifeline.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code lifeline bench}: runs the benchmarks with the GC profiler and prints, per workload,
 * Lifeline's and the peer's throughput and bytes allocated per operation, and their ratio.
 * Arguments are JMH's own (e.g. {@code -f 2 -wi 5 -i 10}); {@code --quick} shortens the run.
 * The subcommands {@code registrations} and {@code calls} run the gateway load tests instead
 * (see {@link LoadCommands}).
 */
public final class BenchMain {

    static final String USAGE = """
            usage: lifeline bench [--quick] [jmh options]   SIP parser: Lifeline vs JAIN-SIP RI (JMH)
                   lifeline bench registrations [--phones N] [--seconds S] [--max N] [--warmup S]
                       REGISTER with digest from N phones through a real gateway on 127.0.0.1,
                       SQLite location store (200 OK after COMMIT) vs a memory store, same run
                       (defaults: 200 phones, 8 s per store in 4 rounds, 2 s warm-up; --max bounds each round)
                   lifeline bench registrations --target [NAME=]HOST:PORT [--pid PID] [--target ... --pid ...]
                         [--rate N] [--seconds S] [--phones N] [--max N] [--warmup S] [--timeout S]
                         [--realm R] [--password-prefix P] [--storm N]
                       the same REGISTER load against registrars running as their own processes
                       (a gateway from 'lifeline gateway run', Kamailio, ...), one after the other;
                       HOST on 127.0.0.0/8; extensions 10001.. with password P + number (default pw);
                       --pid: the target's CPU per 1,000 registrations from /proc (its process tree);
                       --rate N paced at N/s (default 500; 0 = closed loop), --seconds (default 10);
                       --storm N: N phones register at --rate, then all re-register at once,
                       then each checks its binding (REGISTER without Contact)
                   lifeline bench site --sip HOST:PORT --storage DIR [--phones N] [--admin HOST:PORT]
                       prints the bench site's YAML (extensions 10001.., password pw + number)
                       for 'lifeline gateway run --config FILE'
                   lifeline bench calls [--calls N] [--concurrent C] [--hold MS] [--seconds S]
                       calls with RTP both ways (20 ms) through the B2BUA vs the same calls
                       directly between the phones, same run
                       (defaults: 800 calls per side, 100 at once, 2000 ms hold, at most 20 s per side)
                   lifeline bench --help
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length > 0 && LoadCommands.NAMES.contains(args[0])) {
            System.exit(LoadCommands.run(args[0], java.util.List.of(args).subList(1, args.length)));
        }
        parserComparison(args);
    }

    private static void parserComparison(String[] args) throws RunnerException {
        boolean quick = false;
        java.util.List<String> jmhArgs = new java.util.ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                jmhArgs.add(a);
            }
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            System.err.println("lifeline bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        ChainedOptionsBuilder opts = new OptionsBuilder().parent(cli)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (cli.getIncludes().isEmpty()) {
            opts.include(SipParserBenchmark.class.getSimpleName());
        }
        if (quick) {
            opts.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        } else {
            if (!cli.getForkCount().hasValue()) {
                opts.forks(1);
            }
            if (!cli.getWarmupIterations().hasValue()) {
                opts.warmupIterations(3).warmupTime(TimeValue.seconds(2));
            }
            if (!cli.getMeasurementIterations().hasValue()) {
                opts.measurementIterations(5).measurementTime(TimeValue.seconds(2));
            }
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        printComparison(results);
    }

    private static void printComparison(Collection<RunResult> results) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String name = label.substring(label.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            byName.put(name, new double[] {primary.getScore(), primary.getScoreError(),
                alloc == null ? Double.NaN : alloc.getScore()});
        }
        System.out.println();
        System.out.println("Lifeline vs JAIN-SIP RI 1.3.0-91 (same JVM, same run; parse + read fields + serialize reply)");
        System.out.printf("%-10s %16s %12s %16s %12s %10s %12s%n",
                "workload", "lifeline ops/s", "B/op", "jain-sip ops/s", "B/op", "speed-up", "alloc ratio");
        for (String workload : new String[] {"register", "invite"}) {
            double[] ours = byName.get(workload + "Lifeline");
            double[] peer = byName.get(workload + "JainSip");
            if (ours == null || peer == null) {
                continue;
            }
            System.out.printf("%-10s %16.0f %12.0f %16.0f %12.0f %9.1fx %11.1fx%n", workload,
                    ours[0], ours[2], peer[0], peer[2], ours[0] / peer[0], peer[2] / ours[2]);
        }
        System.out.println("(speed-up = Lifeline throughput / JAIN-SIP throughput; "
                + "alloc ratio = JAIN-SIP bytes per op / Lifeline bytes per op)");
    }
}
