package dev.lifeline.gateway.storage;

import java.time.Instant;

/** Instants as epoch nanoseconds: lossless, ordered as numbers, good until the year 2262. */
public final class Instants {

    private Instants() {
    }

    public static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    public static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
