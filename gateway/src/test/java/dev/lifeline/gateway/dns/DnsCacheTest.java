package dev.lifeline.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The serve-stale rules of RFC 8767 on explicit instants. */
class DnsCacheTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private final DnsSettings settings = DnsSettings.DEFAULTS;
    private final DnsCache cache = new DnsCache(settings);
    private final DnsCache.Key key = DnsCache.Key.of("sip.provider.example.", RecordType.A);

    private DnsAnswer answer(Duration ttl) {
        return new DnsAnswer("sip.provider.example", RecordType.A, DnsAnswer.Kind.RECORDS, List.of(), T0.plus(ttl), false);
    }

    @Test
    void freshUntilTheTtlRunsOut() {
        cache.store(key, answer(Duration.ofSeconds(300)), T0);
        assertThat(cache.fresh(key, T0.plusSeconds(299))).isPresent();
        assertThat(cache.fresh(key, T0.plusSeconds(300))).isEmpty();
        assertThat(cache.fresh(DnsCache.Key.of("SIP.Provider.Example", RecordType.A), T0)).isPresent();
    }

    @Test
    void aStaleAnswerIsServedForTheStaleTtlThenAskedForAgain() {
        cache.store(key, answer(Duration.ofSeconds(60)), T0);
        Instant failedAt = T0.plus(Duration.ofHours(2));
        DnsCache.Stale stale = cache.serveStale(key, failedAt);
        assertThat(stale.answer()).hasValueSatisfying(a -> {
            assertThat(a.stale()).isTrue();
            assertThat(a.expires()).isEqualTo(failedAt.plusSeconds(30));
        });
        assertThat(stale.explanation()).isEqualTo("it expired 1 h 59 min ago; served for 30 s");
        // RFC 8767 failure recheck: no new query for the stale TTL.
        assertThat(cache.fresh(key, failedAt.plusSeconds(29))).hasValueSatisfying(a -> assertThat(a.stale()).isTrue());
        assertThat(cache.fresh(key, failedAt.plusSeconds(30))).isEmpty();
    }

    @Test
    void beyondMaxStaleThereIsNothingToServe() {
        cache.store(key, answer(Duration.ofSeconds(60)), T0);
        DnsCache.Stale stale = cache.serveStale(key, T0.plusSeconds(60).plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(stale.answer()).isEmpty();
        assertThat(stale.explanation()).isEqualTo("the cached answer expired 24 h 0 min ago, beyond the max-stale limit of 1 d");
        assertThat(cache.size()).isZero();
    }

    @Test
    void nothingCachedMeansNothingStale() {
        assertThat(cache.serveStale(key, T0).explanation()).isEqualTo("no cached answer to serve stale");
    }

    @Test
    void aNewAnswerReplacesAStaleOne() {
        cache.store(key, answer(Duration.ofSeconds(60)), T0);
        cache.serveStale(key, T0.plusSeconds(120));
        DnsAnswer fresh = new DnsAnswer("sip.provider.example", RecordType.A, DnsAnswer.Kind.RECORDS, List.of(),
                T0.plusSeconds(125 + 300), false);
        cache.store(key, fresh, T0.plusSeconds(125));
        assertThat(cache.fresh(key, T0.plusSeconds(130))).contains(fresh);
    }

    @Test
    void aZeroTtlAnswerIsNeverFreshButIsServedStaleWhenEveryResolverFails() {
        // e.g. "no NAPTR" without an SOA: RFC 2308 gives it no negative TTL.
        DnsCache.Key naptr = DnsCache.Key.of("provider.example", RecordType.NAPTR);
        DnsAnswer none = new DnsAnswer("provider.example", RecordType.NAPTR, DnsAnswer.Kind.NODATA, List.of(), T0, false);
        cache.store(naptr, none, T0);

        assertThat(cache.fresh(naptr, T0)).isEmpty();
        assertThat(cache.fresh(naptr, T0.plusSeconds(5))).isEmpty();
        DnsCache.Stale stale = cache.serveStale(naptr, T0.plusSeconds(5));
        assertThat(stale.answer()).hasValueSatisfying(a -> {
            assertThat(a.kind()).isEqualTo(DnsAnswer.Kind.NODATA);
            assertThat(a.stale()).isTrue();
        });
        // ... and, like any answer, not beyond max-stale.
        assertThat(cache.serveStale(naptr, T0.plus(Duration.ofDays(1)).plusSeconds(1)).answer()).isEmpty();
    }
}
