package dev.lifeline.bench;

import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.bench.load.BenchSite;
import dev.lifeline.bench.load.CallBench;
import dev.lifeline.bench.load.Flags;
import dev.lifeline.bench.load.RegistrarBench;
import dev.lifeline.bench.load.RegistrationBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** The gateway load subcommands of {@code lifeline bench}: each parses its flags, runs, and prints its table. */
final class LoadCommands {

    static final Set<String> NAMES = Set.of("registrations", "calls", "site");

    private static final Set<String> TARGET_FLAGS = Set.of("target", "pid", "realm", "password-prefix", "rate",
            "phones", "seconds", "max", "warmup", "timeout", "storm");

    private LoadCommands() {
    }

    /** Runs {@code name} with {@code args}; returns the exit status. */
    static int run(String name, List<String> args) throws Exception {
        // Before any gateway class asks for a logger: its warnings matter during a load, its info lines do not.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        try {
            switch (name) {
                case "registrations" -> {
                    if (args.contains("--target")) {
                        registrar(args);
                    } else {
                        registrations(args);
                    }
                }
                case "calls" -> calls(args);
                case "site" -> site(args);
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

    /** {@code registrations --target [NAME=]HOST:PORT [--pid PID] ...}: registrars in processes of their own. */
    private static void registrar(List<String> args) throws Exception {
        Flags f = Flags.parse(args, TARGET_FLAGS);
        List<String> pids = f.all("pid");
        List<String> given = f.all("target");
        if (!pids.isEmpty() && pids.size() != given.size()) {
            throw new Flags.UsageException("give one --pid per --target (in the same order), or none");
        }
        String realm = f.string("realm", BenchSite.REALM);
        String prefix = f.string("password-prefix", BenchSite.PASSWORD_PREFIX);
        List<RegisterStorm.Target> targets = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String t = given.get(i);
            int eq = t.indexOf('=');
            String name = eq > 0 ? t.substring(0, eq) : "target" + (given.size() > 1 ? " " + (i + 1) : "");
            OptionalLong pid = pids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pid(pids.get(i)));
            targets.add(new RegisterStorm.Target(name, RegistrarBench.loopback(t.substring(eq + 1)), realm, BenchSite.FIRST_NUMBER,
                    prefix, pid));
        }
        int rate = f.atLeastZero("rate", 500);
        int storm = f.atLeastZero("storm", 0);
        int phones = f.positive("phones", storm > 0 ? storm : Math.max(200, rate));
        Duration seconds = f.seconds("seconds", storm > 0 ? Duration.ofSeconds(60) : Duration.ofSeconds(10));
        RegistrarBench.run(new RegistrarBench.Options(targets, rate, phones, seconds,
                f.positive("max", 1_000_000), Duration.ofSeconds(f.atLeastZero("warmup", 2)), f.seconds("timeout", Duration.ofSeconds(8)), storm),
                System.out);
    }

    private static long pid(String value) throws Flags.UsageException {
        try {
            long pid = Long.parseLong(value);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Flags.UsageException("--pid takes a process id, not '" + value + "'");
    }

    /** {@code site --phones N --sip HOST:PORT --admin HOST:PORT --storage DIR}: the bench site as YAML on stdout. */
    private static void site(List<String> args) throws Exception {
        Flags f = Flags.parse(args, Set.of("phones", "sip", "admin", "storage"));
        for (String required : List.of("sip", "storage")) {
            if (!f.has(required)) {
                throw new Flags.UsageException("--" + required + " is required");
            }
        }
        System.out.print(BenchSite.yaml(f.positive("phones", 200), f.string("sip", ""),
                f.string("admin", "127.0.0.1:0"), Path.of(f.string("storage", ""))));
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
