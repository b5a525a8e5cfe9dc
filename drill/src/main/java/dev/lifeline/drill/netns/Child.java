package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the lab started (inside a namespace through {@code ip netns exec}, which execs it,
 * so the PID is the program's own), its output going to a log file next to the report. Stopped
 * by its PID: SIGTERM, then SIGKILL after a grace period.
 */
final class Child implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration grace;

    private Child(String name, Process process, Path log, Duration grace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.grace = grace;
    }

    static Child start(String name, List<String> command, Path workDir, Path log, Duration grace) throws LabException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            return new Child(name, pb.start(), log, grace);
        } catch (IOException e) {
            throw new LabException("cannot start " + name + " (" + command.get(command.size() > 4 ? 4 : 0) + "): " + e.getMessage(), e);
        }
    }

    Process process() {
        return process;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its log, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Whether it died, with its exit status and log tail, for an error message. */
    String death() {
        return name + " exited with status " + process.exitValue() + "; last lines of " + log + ":\n" + tail(15);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();   // SIGTERM to this PID
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
