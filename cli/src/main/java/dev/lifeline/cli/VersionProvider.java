package dev.lifeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code lifeline --version}: the version and the git commit the program was built from, as
 * Maven wrote them ({@code build.properties}, {@code commit.txt}; see cli/pom.xml). "unknown"
 * when the build ran outside a git checkout.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        String commit = null;
        try (InputStream props = VersionProvider.class.getResourceAsStream("build.properties");
             InputStream c = VersionProvider.class.getResourceAsStream("commit.txt")) {
            if (props != null) {
                p.load(props);
            }
            if (c != null) {
                commit = new String(c.readNBytes(200), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // an unreadable resource is reported as unknown below, like a missing one
        }
        return new String[] {line(p.getProperty("version"), commit)};
    }

    /**
     * @param commit what the build wrote: "HASH", "HASH dirty" or "unknown"; null when absent
     */
    static String line(String version, String commit) {
        String v = version != null && !version.isBlank() && !version.contains("${") ? version.strip() : "dev";
        String c = commit == null ? "" : commit.strip();
        if (!c.matches("[0-9a-f]{7,40}( dirty)?")) {
            c = "unknown";
        } else if (c.endsWith(" dirty")) {
            c = c.replace(" dirty", " with uncommitted changes");
        }
        return "lifeline " + v + " (commit " + c + ", Java " + Runtime.version() + ")";
    }
}
