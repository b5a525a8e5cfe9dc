package dev.lifeline.sip.transport;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of TLS material (built from a few files) that is rebuilt when its files change.
 * A change is noticed by {@link FileStamp}; files whose bytes are unchanged (a touch) cause no
 * rebuild. A rebuild that fails keeps the previous material, and the failure is reported once
 * per change, not on every poll.
 */
final class ReloadingMaterial<T> {

    /** Builds the material from the files' contents; fails with a message naming the file. */
    @FunctionalInterface
    interface Builder<T> {
        T build(Map<Path, byte[]> contents) throws TransportException;
    }

    private final String name;
    private final List<Path> files;
    private final Builder<T> builder;
    private volatile T current;
    private Map<Path, byte[]> loaded;
    private List<FileStamp> seen;

    private ReloadingMaterial(String name, List<Path> files, Builder<T> builder, T current,
                              Map<Path, byte[]> loaded, List<FileStamp> seen) {
        this.name = name;
        this.files = files;
        this.builder = builder;
        this.current = current;
        this.loaded = loaded;
        this.seen = seen;
    }

    /** Loads now; throws when the files are missing or unusable, since there is nothing older to keep. */
    static <T> ReloadingMaterial<T> load(String name, List<Path> files, Builder<T> builder) throws TransportException {
        List<FileStamp> stamps = stamps(files);
        Map<Path, byte[]> contents = TlsContexts.read(files);
        return new ReloadingMaterial<>(name, List.copyOf(files), builder, builder.build(contents), contents, stamps);
    }

    T current() {
        return current;
    }

    /** Rebuilds when a file changed since the last look; empty when nothing changed. */
    synchronized Optional<TlsReload> reloadIfChanged() {
        List<FileStamp> now = stamps(files);
        if (now.equals(seen)) {
            return Optional.empty();
        }
        seen = now;
        Map<Path, byte[]> contents;
        try {
            contents = TlsContexts.read(files);
            if (sameBytes(contents, loaded)) {
                return Optional.empty();
            }
            T rebuilt = builder.build(contents);
            current = rebuilt;
            loaded = contents;
            return Optional.of(new TlsReload(name, files, true, "reloaded"));
        } catch (TransportException | RuntimeException e) {
            return Optional.of(new TlsReload(name, files, false, "kept the previous material: "
                    + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName())));
        }
    }

    private static List<FileStamp> stamps(List<Path> files) {
        return files.stream().map(FileStamp::of).toList();
    }

    private static boolean sameBytes(Map<Path, byte[]> a, Map<Path, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(p -> Arrays.equals(a.get(p), b.get(p)));
    }
}
