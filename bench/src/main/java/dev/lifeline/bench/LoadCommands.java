package dev.lifeline.bench;

import dev.lifeline.bench.load.CallBench;
import dev.lifeline.bench.load.Flags;
import dev.lifeline.bench.load.RegistrationBench;
import java.util.List;
import java.util.Set;

/** The gateway load subcommands of {@code lifeline bench}: each parses its flags, runs, and prints its table. */
final class LoadCommands {

    static final Set<String> NAMES = Set.of("registrations", "calls");

    private LoadCommands() {
    }

    /** Runs {@code name} with {@code args}; returns the exit status. */
    static int run(String name, List<String> args) throws Exception {
        // Before any gateway class asks for a logger: its warnings matter during a load, its info lines do not.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        try {
            switch (name) {
                case "registrations" -> registrations(args);
                case "calls" -> calls(args);
                default -> throw new Flags.UsageException("unknown subcommand " + name);
            }
            return 0;
        } catch (Flags.UsageException e) {
            System.err.println("lifeline bench " + name + ": " + e.getMessage());
            System.err.print(BenchMain.USAGE);
            return 2;
        }
    }

    private static void registrations(List<String> args) throws Exception {
        Flags f = Flags.parse(args, Set.of("phones", "seconds", "max", "warmup"));
        RegistrationBench.Options d = RegistrationBench.Options.defaults();
        RegistrationBench.Options o = d.withPhones(f.positive("phones", d.phones()))
                .withDuration(f.seconds("seconds", d.duration()))
                .withMaxRegistrations(f.positive("max", d.maxRegistrations()))
                .withWarmup(f.seconds("warmup", d.warmup()));
        RegistrationBench.run(o, System.out);
    }

    private static void calls(List<String> args) throws Exception {
        Flags f = Flags.parse(args, Set.of("calls", "concurrent", "hold", "seconds"));
        CallBench.Options d = CallBench.Options.defaults();
        int calls = f.positive("calls", d.calls());
        CallBench.Options o = new CallBench.Options(calls, f.positive("concurrent", Math.min(calls, d.concurrent())),
                f.millis("hold", d.hold()), f.seconds("seconds", d.duration()));
        CallBench.run(o, System.out);
    }
}
