package dev.lifeline.gateway.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program run by a test: stdout and stderr go to one log file (read after the fact, so
 * a chatty peer can never block on a full pipe), and {@link #close} always ends it — politely
 * first (SIGTERM), then with SIGKILL — together with any children it forked.
 */
final class PeerProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 5;

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static PeerProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        return new PeerProcess(name, builder.start(), log);
    }

    /** Writes a line to the peer's stdin (baresip's stdio interface reads commands there). */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of the log, headed by the program's name, for failure messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return "---- " + name + " (" + log + "), last " + last.size() + " lines ----\n" + String.join("\n", last)
                + "\n---- end of " + name + " ----";
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
