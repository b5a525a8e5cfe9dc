package dev.lifeline.drill.netns;

import dev.lifeline.drill.lab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one short command ({@code ip}, {@code nft}, {@code sysctl}) to its end, bounded in time. */
final class Shell {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Shell() {
    }

    /** The command's output; a non-zero exit or a timeout is a {@link LabException} naming the command and its error. */
    static String run(List<String> command) throws LabException {
        Result r = attempt(command);
        if (r.exit != 0) {
            throw new LabException("`" + String.join(" ", command) + "` failed (exit " + r.exit + "): " + r.output.strip());
        }
        return r.output;
    }

    /** Runs it and returns the result whatever the exit status (for clean-up, where "already gone" is fine). */
    static Result attempt(List<String> command) throws LabException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new LabException("`" + String.join(" ", command) + "` did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new LabException("`" + String.join(" ", command) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running `" + String.join(" ", command) + "`", e);
        }
    }

    record Result(int exit, String output) {
    }
}
