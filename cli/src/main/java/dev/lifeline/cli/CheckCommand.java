package dev.lifeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.preflight.Finding;
import dev.lifeline.gateway.preflight.Preflight;
import dev.lifeline.gateway.preflight.PreflightReport;
import dev.lifeline.gateway.preflight.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lifeline check}: the preflight. Where {@code config check} reads the file and touches
 * nothing, this one goes on to ask the host and the network what an outage would find.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Preflight a site: what breaks continuity, found before an outage does. Per WAN path: the bind",
            "address and interface, the route out of it, each resolver, the provider's NAPTR/SRV/A through",
            "that path's resolvers, OPTIONS to each provider target, TLS certificates, keepalives against",
            "the NAT timeouts; per site: emergency numbers routable, UPS runtime (upsc) if configured.",
            "The file is validated first, as 'lifeline config check' does; nothing is started.",
            "Exit status: 0 nothing failed (warnings allowed), 1 a check failed or the file is invalid,",
            "2 usage error or unreadable file."
        })
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file (default: /etc/lifeline/site.yaml, else the checkout's examples/site.yaml)")
    Path config;

    @Option(names = "--json", description = "print one JSON document for machines (progress still goes to stderr)")
    boolean json;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SiteConfig site;
        try {
            config = SiteFiles.resolve(config);
            site = SiteConfigLoader.load(config);
        } catch (NoSuchFileException e) {
            err.println("lifeline: cannot read " + (config != null ? config : e.getFile())
                    + ": no such file; give the site's YAML with --config FILE");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("lifeline: cannot read " + config + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            err.println("lifeline: " + config + " is not a valid configuration (" + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "); fix it, then check again");
            return ExitCodes.FAILED;
        }
        long start = System.nanoTime();
        PreflightReport report = Preflight.onThisHost().run(site, line -> {
            if (!quiet) {
                synchronized (err) {
                    err.println("checking " + line);
                    err.flush();
                }
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document(report, millis)));
        } else {
            Table table = new Table("CHECK", "PATH", "RESULT", "WHAT WAS SEEN / WHAT TO FIX");
            for (Finding f : report.findings()) {
                table.row(f.check(), f.scope(), f.verdict().label(), f.line());
            }
            table.print(out, "");
            out.println();
            out.println(config + ": " + report.summary() + " in " + millis + " ms, observed from this host"
                    + (report.passed() ? "" : "; fix the failures above"));
        }
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Map<String, Object> document(PreflightReport report, long millis) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("config", config.toString());
        doc.put("passed", report.passed());
        doc.put("observedFrom", "this host");
        doc.put("tookMillis", millis);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.label(), report.count(v));
        }
        doc.put("counts", counts);
        List<Map<String, Object>> findings = report.findings().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", f.check());
            m.put("path", f.scope());
            m.put("result", f.verdict().label());
            m.put("observed", f.observed());
            m.put("fix", f.fix());
            return m;
        }).toList();
        doc.put("findings", findings);
        return doc;
    }
}
