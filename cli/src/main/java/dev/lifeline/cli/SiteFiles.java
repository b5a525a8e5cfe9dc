package dev.lifeline.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which site file a command reads when none is given: {@code --config FILE}, else the installed
 * service's {@code /etc/lifeline/site.yaml}, else the example of the checkout the program was
 * built in ({@code examples/site.yaml} beside the launcher), found from where the program's
 * classes are and never from the working directory, so a command works from any directory.
 */
final class SiteFiles {

    static final Path SYSTEM = Path.of("/etc/lifeline/site.yaml");

    private SiteFiles() {
    }

    /** The file to read: the one given, or the first default that exists. */
    static Path resolve(Path given) throws NoSuchFileException {
        return resolve(given, SYSTEM, codeLocation());
    }

    static Path resolve(Path given, Path system, Optional<Path> code) throws NoSuchFileException {
        if (given != null) {
            return given;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(system);
        code.flatMap(SiteFiles::checkoutExample).ifPresent(candidates::add);
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(system + " (no --config given, and no checkout's examples/site.yaml beside the "
                + "program); give --config FILE");
    }

    /**
     * The checkout's example, when the code runs from a checkout: the jar (cli/target/lifeline.jar)
     * or class directory (cli/target/classes) sits at most three levels below the root, which holds
     * the launcher, pom.xml and examples/site.yaml.
     */
    static Optional<Path> checkoutExample(Path code) {
        Path dir = Files.isDirectory(code) ? code : code.getParent();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path example = dir.resolve("examples").resolve("site.yaml");
            if (Files.isRegularFile(example) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("lifeline"))) {
                return Optional.of(example);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = SiteFiles.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
