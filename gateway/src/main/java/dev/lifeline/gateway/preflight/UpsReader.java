package dev.lifeline.gateway.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a NUT UPS with {@code upsc UPS} (package nut-client): the variables come one per line as
 * {@code name: value}; {@code battery.runtime} is in seconds. Bounded by a timeout.
 */
public final class UpsReader {

    private static final int MAX_OUTPUT = 64 * 1024;

    private final String upscCommand;
    private final Duration timeout;

    public UpsReader(String upscCommand, Duration timeout) {
        this.upscCommand = upscCommand;
        this.timeout = timeout;
    }

    public UpsReader() {
        this("upsc", Duration.ofSeconds(3));
    }

    public Observed.Ups read(String ups) {
        Process process;
        try {
            process = new ProcessBuilder(upscCommand, ups).redirectErrorStream(true).start();
        } catch (IOException e) {
            return failed(ups, "cannot run " + upscCommand + " (install nut-client): " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return failed(ups, upscCommand + " took longer than " + timeout.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return failed(ups, upscCommand + ": " + output.strip().lines().findFirst().orElse("exit " + process.exitValue()));
            }
            return parse(ups, output);
        } catch (IOException e) {
            return failed(ups, "cannot read " + upscCommand + "'s output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return failed(ups, "interrupted");
        }
    }

    /** {@code upsc}'s output: "battery.runtime: 1800" and "ups.status: OL" among others. */
    static Observed.Ups parse(String ups, String output) {
        Map<String, String> vars = new HashMap<>();
        output.lines().forEach(line -> {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                vars.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
            }
        });
        Optional<String> status = Optional.ofNullable(vars.get("ups.status"));
        String runtime = vars.get("battery.runtime");
        if (runtime == null) {
            return new Observed.Ups(ups, Optional.empty(), status, Optional.of("the UPS reports no battery.runtime"));
        }
        try {
            double seconds = Double.parseDouble(runtime);
            if (seconds < 0 || Double.isNaN(seconds) || seconds > 1e7) {
                throw new NumberFormatException();
            }
            return new Observed.Ups(ups, Optional.of(Duration.ofSeconds((long) seconds)), status, Optional.empty());
        } catch (NumberFormatException e) {
            return new Observed.Ups(ups, Optional.empty(), status, Optional.of("battery.runtime '" + runtime
                    + "' is not a number of seconds"));
        }
    }

    private static Observed.Ups failed(String ups, String why) {
        return new Observed.Ups(ups, Optional.empty(), Optional.empty(), Optional.of(why));
    }
}
