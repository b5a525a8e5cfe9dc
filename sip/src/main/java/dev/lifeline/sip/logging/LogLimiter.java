package dev.lifeline.sip.logging;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a log line that the network can trigger is written: the first of a kind from a
 * source is, then nothing more of that kind from that source until {@code interval} has passed;
 * the next line written says how many were held back meanwhile. So a flood of bad packets from
 * one address costs one line per interval, not one per packet, and the line still counts them.
 *
 * <p>Keys are bounded: once {@code maxKeys} kinds and sources are tracked and none is stale, new
 * sources share one key per kind ({@link #MANY_SOURCES}), so spoofed source addresses cannot grow
 * memory or the log either. Safe to call from any thread; the clock is injected.
 *
 * <pre>{@code
 * LIMITER.admit("handler-failed", remote.getAddress()).ifPresent(held ->
 *         log.warn("inbound handler failed from {}{}", remote, LogLimiter.heldBack(held)));
 * }</pre>
 */
public final class LogLimiter {

    /** The source that stands for every address once the limiter tracks {@code maxKeys}. */
    public static final String MANY_SOURCES = "many sources";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_KEYS = 1024;

    private final InstantSource clock;
    private final Duration interval;
    private final int maxKeys;
    private final ConcurrentHashMap<Key, Window> windows = new ConcurrentHashMap<>();
    private volatile Instant lastPurge;

    private record Key(String kind, Object source) {
    }

    /** Since when lines of a key are held back, and how many were. Immutable: replaced under compute. */
    private record Window(Instant opened, long heldBack) {
    }

    public LogLimiter(InstantSource clock, Duration interval, int maxKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        this.interval = interval;
        this.maxKeys = maxKeys;
    }

    /** One line per kind and source per {@link #DEFAULT_INTERVAL}, at most {@value #DEFAULT_MAX_KEYS} keys, system clock. */
    public static LogLimiter system() {
        return new LogLimiter(InstantSource.system(), DEFAULT_INTERVAL, DEFAULT_MAX_KEYS);
    }

    /**
     * Whether to write a line of {@code kind} caused by {@code source} (an address, or null when
     * the line names none).
     *
     * @return empty to stay silent; otherwise how many lines of this kind and source were held
     *     back since the last one written (0 the first time)
     */
    public OptionalLong admit(String kind, Object source) {
        Instant now = clock.instant();
        Key key = keyFor(kind, source, now);
        long[] written = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.opened().plus(interval))) {
                written[0] = w == null ? 0 : w.heldBack();
                return new Window(now, 0);
            }
            return new Window(w.opened(), w.heldBack() + 1);
        });
        return written[0] < 0 ? OptionalLong.empty() : OptionalLong.of(written[0]);
    }

    /** " (N more like it held back)" for a count from {@link #admit}, "" for none: for the end of a line. */
    public static String heldBack(long count) {
        return count == 0 ? "" : " (" + count + " more like it held back)";
    }

    private Key keyFor(String kind, Object source, Instant now) {
        Key key = new Key(Objects.requireNonNull(kind, "kind"), source == null ? "" : source);
        if (windows.containsKey(key) || windows.size() < maxKeys) {
            return key;
        }
        // Full: forget the windows that are over, at most once per interval so that a flood from
        // many addresses does not scan the map per packet. A source forgotten this way went quiet;
        // what it had held back is not reported.
        Instant last = lastPurge;
        if (last == null || !now.isBefore(last.plus(interval))) {
            lastPurge = now;
            windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().opened().plus(interval)));
        }
        return windows.size() < maxKeys ? key : new Key(kind, MANY_SOURCES);
    }
}
