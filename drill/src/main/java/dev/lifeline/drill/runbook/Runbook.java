package dev.lifeline.drill.runbook;

import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.gateway.config.SiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The on-call runbook of a site: which path is primary and how long failover takes, which
 * resolvers each path uses, how inbound calls route during a WAN failure, what becomes
 * unavailable first and what stays, who may change failover or firewall rules, the
 * exceptions, and what users should do when calls fail — with the configured values, and the
 * measured ones when a drill report is given.
 *
 * <p>Wiring ({@code lifeline runbook --config site.yaml [--drill DIR/report.json] --out runbook.md}):
 * <pre>{@code
 * SiteConfig config = SiteConfigLoader.load(configFile);
 * Optional<DrillReport> drill = drillFile.isPresent() ? Optional.of(ReportJson.read(drillFile.get())) : Optional.empty();
 * Runbook.write(config, drill, out);   // out ending in .html or .htm: HTML, else Markdown
 * }</pre>
 */
public final class Runbook {

    private Runbook() {
    }

    /** The runbook as Markdown. */
    public static String markdown(SiteConfig config, Optional<DrillReport> drill) {
        return Markdown.render(RunbookContent.build(config, drill));
    }

    /** The runbook as one self-contained HTML page. */
    public static String html(SiteConfig config, Optional<DrillReport> drill) {
        return HtmlPage.render(RunbookContent.build(config, drill));
    }

    /**
     * Writes the runbook to {@code out}: HTML when the name ends in {@code .html} or {@code .htm},
     * Markdown otherwise. Creates missing parent directories.
     */
    public static void write(SiteConfig config, Optional<DrillReport> drill, Path out) throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = name.endsWith(".html") || name.endsWith(".htm") ? html(config, drill) : markdown(config, drill);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, text);
    }
}
