package dev.lifeline.cli;

import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.netns.NetnsSiteDrill;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportHtml;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.site.SiteAdmin;
import dev.lifeline.drill.site.SiteDrill;
import dev.lifeline.drill.site.SiteDrillException;
import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.DrillSettings;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code lifeline drill --site}: the site drill against the gateway running on {@code --config},
 * after the operator confirmed the plan (or gave {@code --yes}). Ctrl-C ends the faults the drill
 * started and hangs up its test calls before the process exits.
 */
final class SiteDrillRun {

    private SiteDrillRun() {
    }

    static int run(SiteConfig site, Path config, Path out, boolean yes, BufferedReader in, PrintWriter stdout,
                   PrintWriter err) throws IOException {
        return run(site, config, out, yes, false, in, stdout, err);
    }

    /** As above; with {@code restart}, the registration-recovery step restarts the gateway last. */
    static int run(SiteConfig site, Path config, Path out, boolean yes, boolean restart, BufferedReader in,
                   PrintWriter stdout, PrintWriter err) throws IOException {
        if (site.drill().isEmpty()) {
            err.println("lifeline: " + config + " has no drill: section; add one with the test extension, its"
                    + " password and the test number (see examples/site.yaml), then run again");
            return ExitCodes.USAGE;
        }
        DrillSettings drill = site.drill().get();
        if (restart && drill.restartCommand().isEmpty()) {
            err.println("lifeline: --restart needs drill.restartCommand in " + config + " (the command that restarts"
                    + " this gateway on its host, e.g. systemctl restart lifeline); set it, or run without --restart");
            return ExitCodes.USAGE;
        }
        URI admin = AdminOptions.baseUri(site.admin());
        String token;
        try {
            token = token(site);
        } catch (NoSuchFileException e) {
            err.println("lifeline: no admin token file at " + e.getFile() + " (the gateway creates it when it starts;"
                    + " is the gateway running with " + config + "?)");
            return ExitCodes.USAGE;
        }
        stdout.println("Lifeline site drill on " + config + ":");
        SiteDrill.plan(site, drill, admin, restart).forEach(stdout::println);
        if (!yes) {
            stdout.print("Run it now? [y/N] ");
            stdout.flush();
            String answer = in.readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                stdout.println("not started; nothing was changed");
                return ExitCodes.FAILED;
            }
        }
        stdout.flush();
        SiteDrill.Target target = new SiteDrill.Target(new SiteAdmin(admin, token), gatewaySip(site),
                site.registrar().realm());
        SiteDrill run = new SiteDrill(site, drill, target, config.toString(), line -> {
            stdout.println(line);
            stdout.flush();
        }, InstantSource.system()).withRestart(restart);
        Thread restoreOnExit = new Thread(run::restore, "site-drill-restore");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            DrillReport report = run.run();
            Files.createDirectories(out);
            Path json = ReportJson.write(report, out);
            Path html = ReportHtml.write(report, out);
            stdout.println();
            stdout.print(SummaryTable.format(report));
            stdout.println();
            stdout.println("report: " + json + "  " + html);
            stdout.println("runbook: ./lifeline runbook --config " + config + " --drill " + json + " --out runbook.md");
            return report.exitCode();
        } catch (SiteDrillException e) {
            err.println("lifeline: site drill: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            run.restore();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is running or ran.
            }
        }
    }

    /**
     * {@code lifeline drill --netns --site}: the kernel-level lab stands in for the site, and the
     * site drill runs on its gateway host (a child process in the site namespace), as on a site.
     * The exit status is the drill's; 2 when the lab cannot run here.
     */
    static int inNetnsLab(Path config, Path out, List<String> launcher, PrintWriter stdout, PrintWriter err)
            throws IOException {
        Optional<String> problem = NetnsSiteDrill.preflight();
        if (problem.isPresent()) {
            err.println("lifeline: " + problem.get());
            return ExitCodes.USAGE;
        }
        Files.createDirectories(out);
        Path work = out.resolve("netns").resolve("site-drill");
        stdout.println("Lifeline site drill in the kernel-level lab: the lab stands in for the site on " + config
                + "; the drill runs in its site namespace, next to the gateway");
        stdout.flush();
        Consumer<String> progress = line -> {
            stdout.println(line);
            stdout.flush();
        };
        try (NetnsSiteDrill lab = NetnsSiteDrill.start(work, launcher, Files.readString(config), progress)) {
            int code = lab.runDrill(launcher, out);
            stdout.println();
            lab.addCaptureFigures(out).forEach(stdout::println);
            stdout.println("captures and logs: " + work);
            return code;
        } catch (IllegalArgumentException e) {
            err.println("lifeline: " + config + " does not fit the kernel-level lab: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (LabException e) {
            err.println("lifeline: the kernel-level lab's site drill could not run: " + e.getMessage());
            return ExitCodes.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lifeline: interrupted; the lab is stopped and its namespaces removed");
            return ExitCodes.ERROR;
        }
    }

    private static String token(SiteConfig site) throws IOException {
        if (site.admin().token().isPresent()) {
            return site.admin().token().get().value();
        }
        Path file = site.admin().tokenFile().orElse(site.storage().resolve(Gateway.ADMIN_TOKEN_FILE));
        return Files.readString(file).strip();
    }

    /** Where the test phone registers: the site's first UDP listener (loopback when it listens on every address). */
    static InetSocketAddress gatewaySip(SiteConfig site) {
        Listener l = site.listen().stream().filter(x -> x.transport() == Transport.UDP).findFirst()
                .orElse(site.listen().get(0));
        String host = l.address().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = site.drill().map(DrillSettings::phoneAddress).orElse("127.0.0.1");
        }
        return new InetSocketAddress(host, l.address().port().orElse(5060));
    }
}
