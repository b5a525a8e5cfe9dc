package dev.lifeline.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for the gateways' databases, deleted with everything in it on close. */
final class TempStorage implements AutoCloseable {

    final Path root;

    TempStorage(String prefix) {
        try {
            root = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the gateway's storage", e);
        }
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left behind in the temp directory; harmless.
        }
    }
}
