package dev.lifeline.drill.lab.storm;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time a process has used, read from {@code /proc/PID/stat} (utime + stime), over the
 * process and all its descendants: Kamailio works in several processes (one per UDP worker,
 * timers, the main one), a JVM in one process with many threads; either way the sum is what
 * the registrar cost the machine.
 */
public final class ProcessCpu {

    /**
     * Clock ticks per second of utime and stime. Linux fixes USER_HZ at 100 on every
     * architecture it exports /proc to userland with, whatever the kernel's own HZ.
     */
    static final long TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private ProcessCpu() {
    }

    /** CPU time of {@code pid} and its descendants now; empty when the process is gone or /proc is unreadable. */
    public static Optional<Duration> ofTree(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path dir : all) {
                Optional<String> stat = read(dir.resolve("stat"));
                if (stat.isEmpty()) {
                    continue;   // ended while we looked
                }
                long id = Long.parseLong(dir.getFileName().toString());
                children.computeIfAbsent(parentOf(stat.get()), k -> new ArrayList<>()).add(id);
                ticks.put(id, ticksOf(stat.get()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!ticks.containsKey(pid)) {
            return Optional.empty();
        }
        long sum = 0;
        Deque<Long> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            long id = todo.pop();
            sum += ticks.getOrDefault(id, 0L);
            todo.addAll(children.getOrDefault(id, List.of()));
        }
        return Optional.of(Duration.ofMillis(sum * 1000 / TICKS_PER_SECOND));
    }

    /** Whether {@code /proc/PID} exists: the process is alive (or a zombie not yet reaped). */
    public static boolean exists(long pid) {
        return Files.exists(PROC.resolve(Long.toString(pid)).resolve("stat"));
    }

    /** utime + stime (fields 14 and 15) of one {@code /proc/PID/stat} line. */
    static long ticksOf(String stat) {
        String[] f = afterName(stat);
        // f[0] is field 3 (state): field n is f[n - 3].
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** The parent's pid (field 4). */
    static long parentOf(String stat) {
        return Long.parseLong(afterName(stat)[4 - 3]);
    }

    /** The fields after "pid (comm)": comm may hold spaces and parentheses, so split after its last ')'. */
    private static String[] afterName(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        return stat.substring(close + 1).trim().split(" ");
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
