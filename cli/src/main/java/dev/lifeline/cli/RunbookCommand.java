package dev.lifeline.cli;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.runbook.Runbook;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runbook", mixinStandardHelpOptions = true,
        description = {
            "Write the on-call runbook for a site: which path is primary and how long failover takes, the "
                    + "resolvers per path, how inbound calls route during a WAN failure, what stops first and what "
                    + "stays, the exceptions, and what users should do - from the configuration and, with --drill, "
                    + "the measured figures of a drill report. Markdown, or HTML when OUT ends in .html.",
            "Exit status: 0 written, 1 the configuration has problems, 2 usage error or unreadable file."
        })
final class RunbookCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file (default: /etc/lifeline/site.yaml, else the checkout's examples/site.yaml)")
    Path config;

    @Option(names = "--drill", paramLabel = "REPORT", description = "a drill's report.json (or its directory)")
    Path drill;

    @Option(names = "--out", defaultValue = "runbook.md", paramLabel = "OUT",
            description = "where to write it (default: ${DEFAULT-VALUE}); .html for HTML")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            config = SiteFiles.resolve(config);
            SiteConfig site = SiteConfigLoader.load(config);
            Optional<DrillReport> report = Optional.empty();
            if (drill != null) {
                report = Optional.of(ReportJson.read(drill));
            }
            Runbook.write(site, report, out);
            stdout.println("runbook written to " + out + (report.isPresent() ? " (with measured figures from " + drill + ")"
                    : " (no drill report: failover times say \"not yet measured\"; run ./lifeline drill, then --drill DIR)"));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                stdout.println(p);
            }
            return ExitCodes.FAILED;
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
}
