package dev.lifeline.cli;

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

    private Scenario fromFile(String name) throws IOException, ConfigException {
        Path file = Path.of(name);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name + " (not a built-in scenario either; see --list)");
        }
        return ScenarioLoader.load(file);
    }
}
