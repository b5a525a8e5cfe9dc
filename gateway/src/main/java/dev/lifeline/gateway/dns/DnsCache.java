package dev.lifeline.gateway.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One path's answers, with the serve-stale rules of RFC 8767; every decision takes {@code now}
 * from the caller, so the rules are tested on a fake clock.
 *
 * <ul>
 *   <li>An answer is fresh until its TTL runs out ({@link #fresh}).</li>
 *   <li>When a refresh fails on every resolver, an answer that expired no longer than
 *       {@link DnsSettings#maxStale()} ago is served with the stale TTL ({@link #serveStale}),
 *       and served again without asking for that long: RFC 8767's "failure recheck", so that
 *       while a resolver is down each lookup does not wait for its timeouts again.</li>
 *   <li>Failures themselves are never stored: a lookup after a failure asks again.</li>
 *   <li>Answers older than their TTL plus max-stale are dropped when the next answer is stored
 *       or when serving them stale is refused.</li>
 * </ul>
 */
final class DnsCache {

    /** A cache key: the name (lower case, no trailing dot) and the type. */
    record Key(String name, RecordType type) {
        static Key of(String name, RecordType type) {
            String n = name.toLowerCase(Locale.ROOT);
            return new Key(n.endsWith(".") ? n.substring(0, n.length() - 1) : n, type);
        }
    }

    /** What {@link #serveStale} found: an answer to serve, and how old; or why there is none. */
    record Stale(Optional<DnsAnswer> answer, String explanation) {
    }

    private record Entry(DnsAnswer answer, Instant staleHoldUntil) {
    }

    private final DnsSettings settings;
    private final Map<Key, Entry> entries = new HashMap<>();

    DnsCache(DnsSettings settings) {
        this.settings = settings;
    }

    /**
     * The answer to use without asking: one within its TTL, or a stale one inside its stale
     * TTL after a failed refresh.
     */
    synchronized Optional<DnsAnswer> fresh(Key key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (now.isBefore(e.answer().expires())) {
            return Optional.of(e.answer());
        }
        if (e.staleHoldUntil() != null && now.isBefore(e.staleHoldUntil())) {
            return Optional.of(e.answer().asStale(e.staleHoldUntil()));
        }
        return Optional.empty(); // kept: serveStale may need it, or explains why it is too old
    }

    /**
     * Keeps a new answer, replacing any stale one. An answer with a TTL of 0 (a NODATA without an
     * SOA among them: RFC 2308 gives it no negative TTL) is never fresh, so every lookup still asks;
     * it is kept only to be served stale when every resolver fails. Without it, a provider that
     * publishes no NAPTR would make each lookup on a path whose resolvers died wait out their
     * timeouts for the NAPTR query before the SRV records it serves stale.
     */
    synchronized void store(Key key, DnsAnswer answer, Instant now) {
        entries.values().removeIf(e -> tooOld(e, now));
        entries.put(key, new Entry(answer, null));
    }

    /** After every resolver failed: the expired answer to serve instead, if it is young enough. */
    synchronized Stale serveStale(Key key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return new Stale(Optional.empty(), "no cached answer to serve stale");
        }
        if (tooOld(e, now)) {
            entries.remove(key);
            return new Stale(Optional.empty(), "the cached answer expired " + human(Duration.between(e.answer().expires(), now))
                    + " ago, beyond the max-stale limit of " + human(settings.maxStale()));
        }
        Instant hold = now.plus(settings.staleAnswerTtl());
        entries.put(key, new Entry(e.answer(), hold));
        return new Stale(Optional.of(e.answer().asStale(hold)), "it expired "
                + human(Duration.between(e.answer().expires(), now)) + " ago; served for " + human(settings.staleAnswerTtl()));
    }

    synchronized int size() {
        return entries.size();
    }

    private boolean tooOld(Entry e, Instant now) {
        return now.isAfter(e.answer().expires().plus(settings.maxStale()));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 86_400 && s % 3600 == 0) {
            long h = s / 3600;
            return h % 24 == 0 ? (h / 24) + " d" : h + " h";
        }
        if (s >= 3600) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        if (s >= 60) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s >= 1) {
            return s + " s";
        }
        return d.toMillis() + " ms";
    }
}
