package dev.lifeline.gateway.admission;

import java.net.InetAddress;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address. Sources are kept in least-recently-used order up to a
 * bound, so a flood from many spoofed addresses costs a bounded amount of memory; a source
 * forgotten that way simply starts again with a full bucket.
 */
public final class SourceRates {

    /** Source addresses remembered at once. */
    static final int MAX_SOURCES = 50_000;

    private final double ratePerNano;
    private final double burst;
    private final InstantSource clock;
    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /**
     * @param perSecond tokens added per second
     * @param burst     the bucket's size, and what a new source starts with
     */
    public SourceRates(double perSecond, int burst, InstantSource clock) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes a token for {@code source}; false when its bucket is empty. */
    public synchronized boolean take(InetAddress source) {
        long now = nanos();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(source, bucket);
        }
        double tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * ratePerNano);
        bucket.at = now;
        if (tokens < 1) {
            bucket.tokens = tokens;
            return false;
        }
        bucket.tokens = tokens - 1;
        return true;
    }

    synchronized int sources() {
        return buckets.size();
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
