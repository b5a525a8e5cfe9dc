package dev.lifeline.cli;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.change.ChangeControl;
import dev.lifeline.gateway.change.ChangeControl.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SIGHUP re-reads the site file the gateway was started with and applies it as
 * {@code lifeline config apply} does: hot-applied sections at once, health gates, rolled back if
 * one fails; kept without a confirmation when they pass.
 *
 * <p>The JVM has no public API for signals. {@code sun.misc.Signal} is in the {@code
 * jdk.unsupported} module, which JDK 21 and later still export to every class path application
 * (JEP 260 kept it on purpose for this); the handler runs on the JVM's signal thread, so the
 * reload itself runs on a thread of its own. Where the JVM refuses the handler (a JVM started
 * with {@code -Xrs}) the gateway says so at start and runs without it.
 */
final class HangupReload {

    private final Gateway gateway;
    private final Path file;
    private final PrintWriter out;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sighup-reload");
        t.setDaemon(true);
        return t;
    });

    HangupReload(Gateway gateway, Path file, PrintWriter out) {
        this.gateway = gateway;
        this.file = file;
        this.out = out;
    }

    /** Installs the handler; false (and a line saying so) when this JVM does not allow it. */
    @SuppressWarnings("removal")
    boolean install() {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"),
                    signal -> worker.execute(this::reload));
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                // The JVM keeps a SIGHUP that the process was started ignoring (nohup) ignored, and
                // installs nothing: without this check a reload would silently never happen.
                say("SIGHUP will not reload the configuration: this process was started with SIGHUP ignored"
                        + " (nohup?); start it without nohup, or use lifeline config apply");
                return false;
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            say("SIGHUP will not reload the configuration: " + e.getMessage());
            return false;
        }
    }

    /** Reads the file and applies it; every outcome is one line on the output (the journal, as a service). */
    void reload() {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            say("SIGHUP: cannot read " + file + ": " + e.getMessage() + "; nothing changed");
            return;
        }
        Outcome outcome = gateway.changes().apply(yaml, file.toString(), "SIGHUP", Optional.empty(),
                ChangeControl.DEFAULT_GATES);
        switch (outcome) {
            case Outcome.Applied a -> say("SIGHUP: applied " + file + " as version " + a.version() + " (changed: "
                    + String.join(", ", a.changed()) + "); health gates watch it until " + a.gatesUntil());
            case Outcome.Unchanged u -> say("SIGHUP: " + file + " is the version in force (" + u.version() + ")");
            case Outcome.Refused r -> {
                r.problems().forEach(this::say);
                say("SIGHUP: " + file + " not applied: " + r.message());
            }
            case Outcome.Done d -> say("SIGHUP: " + d.message());
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
