package dev.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionProviderTest {

    @Test
    void version_names_the_commit_it_was_built_from() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("--version")).isZero();
        // Built from this checkout, so the build recorded git's HEAD (which may since have moved on by a commit).
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(git.waitFor() == 0 && head.matches("[0-9a-f]{12}"),
                "not a git checkout: the commit is 'unknown' by design");
        assertThat(out.toString()).matches("lifeline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}"
                + "( with uncommitted changes)?, Java .+\\)\\R");
    }

    @Test
    void a_build_outside_git_says_unknown() {
        assertThat(VersionProvider.line("0.1.0", "unknown")).startsWith("lifeline 0.1.0 (commit unknown, Java ");
        assertThat(VersionProvider.line("0.1.0", null)).startsWith("lifeline 0.1.0 (commit unknown, Java ");
        assertThat(VersionProvider.line("${project.version}", "0123456789ab dirty"))
                .startsWith("lifeline dev (commit 0123456789ab with uncommitted changes, Java ");
    }
}
