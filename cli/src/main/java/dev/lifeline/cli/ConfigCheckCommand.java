package dev.lifeline.cli;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Validate a site configuration without starting anything: every problem is listed,",
            "one per line, as FILE:LINE:COLUMN: FIELD: what is wrong and what is expected.",
            "Exit status: 0 valid, 1 invalid, 2 usage error or unreadable file."
        })
final class ConfigCheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the site's YAML file, e.g. examples/site.yaml")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SiteConfig config = SiteConfigLoader.load(file);
            out.println(file + ": OK — " + summary(config));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                out.println(p);
            }
            int n = e.problems().size();
            out.println(file + ": " + n + (n == 1 ? " problem" : " problems"));
            return ExitCodes.FAILED;
        } catch (NoSuchFileException e) {
            err.println("lifeline: cannot read " + file + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("lifeline: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            out.flush();
        }
    }

    /** "site 'X', 10 extensions, 1 group, 2 DIDs, 1 trunk, 2 paths". */
    static String summary(SiteConfig c) {
        return "site '" + c.site().name() + "', " + count(c.extensions().size(), "extension") + ", "
                + count(c.groups().size(), "group") + ", " + count(c.dids().size(), "DID") + ", "
                + count(c.trunks().size(), "trunk") + ", " + count(c.paths().size(), "path");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
