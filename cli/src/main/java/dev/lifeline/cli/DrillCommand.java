package dev.lifeline.cli;

import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.netns.NetnsRunner;
import dev.lifeline.drill.netns.NetnsScenario;
import dev.lifeline.drill.netns.NetnsSuite;
import dev.lifeline.drill.netns.Preflight;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportHtml;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.report.SummaryTable;
import dev.lifeline.drill.run.DrillRunner;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.ScenarioLoader;
import dev.lifeline.drill.scenario.SiteCheck;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {
            "Run continuity drills: an in-process lab on loopback (a SIP provider with two targets, a WAN "
                    + "emulator and a resolver per path, the site's phones) around a real gateway on the site's "
                    + "configuration, injecting the failures real networks have and measuring what users feel. "
                    + "With no --scenario, the whole built-in suite runs.",
            "Writes DIR/report.json and DIR/report.html.",
            "Exit status: 0 every SLO held, 1 one failed, 2 an error (bad input, a scenario could not run)."
        })
final class DrillCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME|FILE",
            description = "a built-in scenario's name (see --list) or a scenario YAML file; repeatable")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file (default: /etc/lifeline/site.yaml, else the checkout's examples/site.yaml)")
    Path config;

    @Option(names = "--out", defaultValue = "drill-report", paramLabel = "DIR",
            description = "where report.json and report.html go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--list", description = "list the built-in scenarios and exit")
    boolean list;

    @Option(names = "--quick", description = "the short suite (CI smoke): wan-total-loss, wan-total-loss-field, "
            + "provider-target-down, local-survivability")
    boolean quick;

    @Option(names = "--pcap", description = "also write what each WAN emulator saw as DIR/pcap/<scenario>/<path>.pcapng "
            + "(open it in Wireshark to check a figure)")
    boolean pcap;

    @Option(names = "--netns", description = "run in the kernel-level lab instead (Linux, root): network namespaces, "
            + "veth uplinks with policy routing, NAT by nftables, Kamailio as the provider, dnsmasq per path, faults made "
            + "by the kernel, figures from captures kept in DIR/netns/<scenario>/")
    boolean netns;

    @Option(names = "--site", description = "run the site drill against the gateway running on --config (its admin"
            + " API, with admin.faultInjection: true and a drill: section): path cut under a test call, controlled loss,"
            + " DNS per path; prints the plan and asks first. With --netns: the kernel-level lab stands in for the site"
            + " and the site drill runs on its gateway host (the site namespace); report under DIR, captures in"
            + " DIR/netns/site-drill/")
    boolean site;

    @Option(names = "--yes", description = "with --site: do not ask for confirmation")
    boolean yes;

    @Option(names = "--restart", description = "with --site: last, restart the gateway with drill.restartCommand"
            + " (drops every call in progress at the site) and measure how long until the admin API, the trunk, the"
            + " test phone's REGISTER and a test call are back, and which bindings were kept")
    boolean restart;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                for (Scenario s : BuiltInSuite.all()) {
                    stdout.printf("%-24s %4d s  %s%n", s.name(), s.length().toSeconds(), s.description());
                }
                return ExitCodes.OK;
            }
            config = SiteFiles.resolve(config);
            SiteConfig site = SiteConfigLoader.load(config);
            if (netns && this.site) {
                return SiteDrillRun.inNetnsLab(config, out, launcher(), stdout, err);
            }
            if (netns) {
                return netns(site, stdout, err);
            }
            if (restart && !this.site) {
                err.println("lifeline: --restart is a step of the site drill; use it with --site");
                return ExitCodes.USAGE;
            }
            if (this.site) {
                return SiteDrillRun.run(site, config, out, yes, restart, new java.io.BufferedReader(
                        new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), stdout, err);
            }
            List<Scenario> chosen = new ArrayList<>();
            if (scenarios.isEmpty()) {
                chosen.addAll(quick ? BuiltInSuite.quick() : BuiltInSuite.all());
            }
            for (String name : scenarios) {
                Optional<Scenario> builtIn = BuiltInSuite.byName(name);
                chosen.add(builtIn.isPresent() ? builtIn.get() : fromFile(name));
            }
            List<String> problems = new ArrayList<>();
            for (Scenario s : chosen) {
                SiteCheck.problems(s, site).forEach(p -> problems.add(s.name() + ": " + p));
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println("lifeline: " + p));
                err.println("lifeline: the scenarios do not fit " + config + " (fix the scenario or the site file)");
                return ExitCodes.USAGE;
            }
            Files.createDirectories(out);
            Path work = Files.createTempDirectory("lifeline-drill-");
            String suite = scenarios.isEmpty() ? (quick ? "quick" : "built-in") : "custom";
            long seconds = chosen.stream().mapToLong(s -> s.length().toSeconds()).sum();
            stdout.printf("Lifeline drills: %d scenario%s (%d s of timeline) against %s%n", chosen.size(),
                    chosen.size() == 1 ? "" : "s", seconds, config);
            stdout.flush();
            DrillRunner runner = new DrillRunner(site, config.toString(), work, line -> {
                stdout.println(line);
                stdout.flush();
            });
            if (pcap) {
                runner.withCaptures(out.resolve("pcap"));
            }
            DrillReport report = runner.run(suite, chosen);
            Path json = ReportJson.write(report, out);
            Path html = ReportHtml.write(report, out);
            stdout.println();
            stdout.print(SummaryTable.format(report));
            stdout.println();
            stdout.println("report: " + json + "  " + html);
            if (pcap) {
                stdout.println("captures: " + out.resolve("pcap"));
            }
            stdout.println("runbook: ./lifeline runbook --config " + config + " --drill " + json + " --out runbook.md");
            return report.exitCode();
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return ExitCodes.USAGE;
        } catch (NoSuchFileException e) {
            err.println("lifeline: cannot read " + e.getFile() + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            stdout.flush();
        }
    }

    /** {@code --netns}: the kernel-level lab (package dev.lifeline.drill.netns). */
    private int netns(SiteConfig site, PrintWriter stdout, PrintWriter err) throws IOException {
        Optional<String> problem = Preflight.problem();
        if (problem.isPresent()) {
            err.println("lifeline: " + problem.get());
            return ExitCodes.USAGE;
        }
        List<NetnsScenario> chosen = new ArrayList<>();
        if (scenarios.isEmpty()) {
            chosen.addAll(quick ? NetnsSuite.quick() : NetnsSuite.full());
        }
        for (String name : scenarios) {
            Optional<NetnsScenario> s = NetnsSuite.byName(name);
            if (s.isEmpty()) {
                String why = NetnsSuite.inProcessOnly().get(name);
                err.println("lifeline: --netns runs " + NetnsSuite.full().stream().map(NetnsScenario::name).toList() + "; "
                        + name + (why != null ? " stays in-process: " + why : " is not a built-in scenario (see --list)"));
                return ExitCodes.USAGE;
            }
            chosen.add(s.get());
        }
        Path work = out.resolve("netns");
        Path notes = NetnsRunner.writeInProcessOnly(work);
        List<String> launcher = launcher();
        stdout.printf("Lifeline drills, kernel-level lab: %d scenario%s against %s%n", chosen.size(),
                chosen.size() == 1 ? "" : "s", config);
        stdout.flush();
        NetnsRunner runner = new NetnsRunner(Files.readString(config), config.toString(),
                site.paths().stream().map(p -> p.name()).toList(), launcher, work, line -> {
                    stdout.println(line);
                    stdout.flush();
                });
        DrillReport report;
        try {
            report = runner.run("netns", chosen);
        } catch (LabException e) {
            err.println("lifeline: the kernel-level lab could not start: " + e.getMessage());
            return ExitCodes.ERROR;
        }
        Path json = ReportJson.write(report, out);
        Path html = ReportHtml.write(report, out);
        stdout.println();
        stdout.print(SummaryTable.format(report));
        stdout.println();
        stdout.println("report: " + json + "  " + html);
        stdout.println("captures and logs: " + work + "   in-process only: " + notes);
        return report.exitCode();
    }

    /** The command that starts this CLI in another JVM: {@code java -cp … dev.lifeline.cli.Main}. */
    static List<String> launcher() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    private Scenario fromFile(String name) throws IOException, ConfigException {
        Path file = Path.of(name);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name + " (not a built-in scenario either; see --list)");
        }
        return ScenarioLoader.load(file);
    }
}
