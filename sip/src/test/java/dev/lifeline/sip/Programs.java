package dev.lifeline.sip;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the peer programs the interop tests run. A missing program skips the test on a
 * developer machine, but fails it in CI (CI=true), where .ci/run installs it: an interop proof
 * that silently skips proves nothing. Shared with other modules' interop tests through the
 * sip test jar.
 */
public final class Programs {

    private Programs() {
    }

    /** The program on PATH or in the sbin directories (kamailio lives in /usr/sbin), else skip or fail. */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        String why = program + " not installed: apt-get install " + debianPackage;
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail(why);
        }
        assumeTrue(found.isPresent(), why);
        return found.get();
    }

    private static Optional<Path> find(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin")
                + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin" + File.pathSeparator + "/usr/local/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
