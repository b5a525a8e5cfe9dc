package dev.lifeline.cli;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.GatewayStartException;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Start the gateway and run until SIGINT (Ctrl-C) or SIGTERM, then stop cleanly.",
            "SIGHUP re-reads the configuration file and applies it like `lifeline config apply`.",
            "Exit status: 0 stopped cleanly, 2 bad configuration or could not start."
        })
final class GatewayRunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file (default: /etc/lifeline/site.yaml, else the checkout's examples/site.yaml)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SiteConfig site;
        try {
            config = SiteFiles.resolve(config);
            site = SiteConfigLoader.load(config);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            int n = e.problems().size();
            err.println(config + ": " + n + (n == 1 ? " problem" : " problems") + "; the gateway was not started"
                    + " (check with: lifeline config check " + config + ")");
            return ExitCodes.USAGE;
        } catch (NoSuchFileException e) {
            err.println("lifeline: cannot read " + e.getFile() + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("lifeline: cannot read " + config + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(site);
        } catch (GatewayStartException e) {
            err.println("lifeline: gateway did not start: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        try {
            gateway.changes().adopt(Files.readString(config), config.toString());
        } catch (IOException | RuntimeException e) {
            err.println("lifeline: cannot record " + config + " as the configuration in force: " + e.getMessage()
                    + " (change control's history starts without it)");
        }
        describe(gateway, out);
        new HangupReload(gateway, config, out).install();
        runUntilSignalled(gateway, out);
        return ExitCodes.OK;
    }

    private static void describe(Gateway g, PrintWriter out) {
        out.println("Lifeline gateway '" + g.config().site().name() + "' running");
        out.println("  SIP       " + g.listenPoints().stream()
                .map(p -> p.transport().name().toLowerCase() + " " + p.address().getAddress().getHostAddress() + ":"
                        + p.address().getPort()).collect(Collectors.joining(", ")));
        out.println("  admin     " + g.adminUri() + g.adminTokenFile().map(f -> "  (token in " + f + ")")
                .orElse("  (token from the configuration)"));
        out.println("  storage   " + g.config().storage());
        out.println("Status: lifeline status --config <this file>   Stop: Ctrl-C");
        out.flush();
    }

    /**
     * Blocks until the JVM is asked to stop. The shutdown hook wakes this thread, which closes
     * the gateway in order; the hook waits for that, because the JVM halts when hooks return.
     */
    private static void runUntilSignalled(Gateway gateway, PrintWriter out) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lifeline-shutdown"));
        try {
            stopRequested.await();
            gateway.close("shutdown signal");
            out.println("Lifeline gateway stopped");
            out.flush();
        } finally {
            stopped.countDown();
        }
    }
}
