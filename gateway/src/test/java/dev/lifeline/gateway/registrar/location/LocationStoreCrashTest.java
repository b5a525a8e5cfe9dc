package dev.lifeline.gateway.registrar.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 OK promises the binding survives a crash: a child JVM registers bindings and reports
 * each acknowledged one, is killed with SIGKILL (no close, no shutdown hook), and every
 * binding it acknowledged must be in the file when the parent reopens it.
 */
class LocationStoreCrashTest {

    private static final int WRITERS = 8;
    private static final int PER_WRITER = 5_000;
    private static final int KILL_AFTER_ACKS = 400;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBindingSurvivesKillDashNine() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                dir.toString(), Integer.toString(WRITERS), Integer.toString(PER_WRITER))
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        Set<String> acked = new HashSet<>();
        boolean finished;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            finished = readAcks(lines, acked, KILL_AFTER_ACKS);
            // Through the handle: Process.destroyForcibly would also close our end of the pipe.
            child.toHandle().destroyForcibly();
            // Lines already in the pipe were acknowledged before the kill: count them too.
            finished |= readAcks(lines, acked, Integer.MAX_VALUE);
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(finished).as("killed mid-stream, not after finishing").isFalse();
        assertThat(child.exitValue()).as("SIGKILL").isEqualTo(137);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
        try (SqliteDatabase db = SqliteDatabase.open(dir)) {
            SqliteLocationStore store = SqliteLocationStore.open(db, EventSink.discarding(), CrashingWriter.NOW);
            Set<String> stored = new HashSet<>(store.all(CrashingWriter.NOW).stream().map(Binding::aor).toList());
            assertThat(stored).containsAll(acked);
            System.out.printf("crash test: %d acknowledged, %d in the file after SIGKILL%n", acked.size(), stored.size());
        }
    }

    /** Reads "ACKED aor END" lines until {@code enough} are seen or the stream ends; true on "DONE". */
    private static boolean readAcks(BufferedReader lines, Set<String> acked, int enough) throws IOException {
        String line;
        while (acked.size() < enough && (line = lines.readLine()) != null) {
            if (line.equals("DONE")) {
                return true;
            }
            // A line cut by the kill lacks its END and proves nothing.
            List<String> parts = List.of(line.split(" "));
            if (parts.size() == 3 && parts.get(0).equals("ACKED") && parts.get(2).equals("END")) {
                acked.add(parts.get(1));
            }
        }
        return false;
    }
}
