package dev.lifeline.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.events.Event;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** The per-path resolver against small authoritative servers on loopback. */
class PathResolverSocketTest {

    private final DnsLab lab = new DnsLab();
    private FakeDnsServer first;
    private FakeDnsServer second;

    @BeforeEach
    void start() throws Exception {
        first = FakeDnsServer.start("127.0.0.21");
        second = FakeDnsServer.start("127.0.0.22");
        for (FakeDnsServer s : List.of(first, second)) {
            s.a("sip.provider.test", "192.0.2.10", 300);
        }
    }

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
    }

    @Test
    void queriesLeaveFromThePathsAddressAndAreCachedForTheTtl() throws Exception {
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first, second);

        DnsAnswer answer = get(wan1.lookup("sip.provider.test", RecordType.A));
        assertThat(answer.addresses()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(answer.expires()).isEqualTo(lab.clock.instant().plusSeconds(300));
        assertThat(first.queries()).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo(InetAddress.getByName("127.0.0.11"));
            assertThat(q.type()).isEqualTo(Type.A);
        });
        assertThat(second.queries()).isEmpty();

        lab.clock.advance(Duration.ofSeconds(299));
        get(wan1.lookup("SIP.provider.test.", RecordType.A));
        assertThat(first.queries("sip.provider.test", Type.A)).isEqualTo(1);

        lab.clock.advance(Duration.ofSeconds(1));
        get(wan1.lookup("sip.provider.test", RecordType.A));
        assertThat(first.queries("sip.provider.test", Type.A)).isEqualTo(2);
        assertThat(lab.events.events()).isEmpty();
    }

    @Test
    void servfailFromTheFirstResolverMovesOnToTheSecond() throws Exception {
        first.mode(FakeDnsServer.Mode.SERVFAIL);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first, second);

        assertThat(get(wan1.lookup("sip.provider.test", RecordType.A)).addresses()).hasSize(1);
        assertThat(second.queries()).hasSize(1);
        assertThat(lab.events.ofType(Event.DnsProblem.class)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("wan1");
            assertThat(e.name()).isEqualTo("sip.provider.test");
            assertThat(e.recordType()).isEqualTo("A");
            assertThat(e.servedStale()).isFalse();
            assertThat(e.reason()).isEqualTo("SERVFAIL from " + first.address() + " (answered by another resolver)");
        });
    }

    @Test
    void refusedAndSilenceMoveOnToo() throws Exception {
        first.mode(FakeDnsServer.Mode.REFUSED);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first, second);
        assertThat(get(wan1.lookup("sip.provider.test", RecordType.A)).addresses()).hasSize(1);

        first.mode(FakeDnsServer.Mode.SILENT);
        PathResolver wan2 = lab.resolver("wan2", "127.0.0.12", first, second);
        assertThat(get(wan2.lookup("sip.provider.test", RecordType.A)).addresses()).hasSize(1);
        assertThat(lab.events.ofType(Event.DnsProblem.class)).extracting(Event.DnsProblem::reason).containsExactly(
                "REFUSED from " + first.address() + " (answered by another resolver)",
                "timeout after 300 ms from " + first.address() + " (answered by another resolver)");
    }

    @Test
    void nxdomainIsAnAnswerCachedForTheSoaMinimumWithinTheCap() throws Exception {
        first.negativeTtl(3600);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", DnsLab.FAST.withNegativeCacheCap(Duration.ofMinutes(5)), first, second);

        DnsAnswer missing = get(wan1.lookup("_sip._udp.provider.test", RecordType.SRV));
        assertThat(missing.kind()).isEqualTo(DnsAnswer.Kind.NXDOMAIN);
        assertThat(missing.records()).isEmpty();
        DnsAnswer nodata = get(wan1.lookup("sip.provider.test", RecordType.AAAA));
        assertThat(nodata.kind()).isEqualTo(DnsAnswer.Kind.NODATA);

        lab.clock.advance(Duration.ofMinutes(4));
        get(wan1.lookup("_sip._udp.provider.test", RecordType.SRV));
        assertThat(first.queries("_sip._udp.provider.test", Type.SRV)).isEqualTo(1);
        lab.clock.advance(Duration.ofMinutes(1));
        get(wan1.lookup("_sip._udp.provider.test", RecordType.SRV));
        assertThat(first.queries("_sip._udp.provider.test", Type.SRV)).isEqualTo(2);
        assertThat(second.queries()).isEmpty();
        assertThat(lab.events.events()).isEmpty();
    }

    @Test
    void cnamesAreFollowed() throws Exception {
        first.cname("alias.provider.test", "sip.provider.test", 60);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        DnsAnswer answer = get(wan1.lookup("alias.provider.test", RecordType.A));
        assertThat(answer.addresses()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(answer.expires()).isEqualTo(lab.clock.instant().plusSeconds(60));
    }

    @Test
    void anExpiredAnswerIsServedStaleWhenTheServerIsGone() throws Exception {
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        get(wan1.lookup("sip.provider.test", RecordType.A));
        first.stop();
        lab.clock.advance(Duration.ofHours(3));

        DnsAnswer stale = get(wan1.lookup("sip.provider.test", RecordType.A));
        assertThat(stale.stale()).isTrue();
        assertThat(stale.addresses()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(stale.expires()).isEqualTo(lab.clock.instant().plusSeconds(30));
        assertThat(lab.events.ofType(Event.DnsProblem.class)).singleElement().satisfies(e -> {
            assertThat(e.servedStale()).isTrue();
            assertThat(e.reason()).contains("from " + first.address())
                    .endsWith("; serving the cached answer stale (it expired 2 h 55 min ago; served for 30 s)");
        });

        // Within the stale TTL the stale answer is used without waiting on the resolver again.
        lab.clock.advance(Duration.ofSeconds(10));
        assertThat(get(wan1.lookup("sip.provider.test", RecordType.A)).stale()).isTrue();
        assertThat(lab.events.ofType(Event.DnsProblem.class)).hasSize(1);
    }

    @Test
    void onceTheResolversFailedOtherExpiredAnswersAreServedStaleWithoutWaiting() throws Exception {
        first.srv("_sip._udp.provider.test", 10, 10, 5060, "sip.provider.test", 300);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        get(wan1.lookup("_sip._udp.provider.test", RecordType.SRV));
        get(wan1.lookup("sip.provider.test", RecordType.A));
        first.mode(FakeDnsServer.Mode.SILENT);
        lab.clock.advance(Duration.ofSeconds(400));

        // The first lookup of the chain learns the hard way (its timeouts) that the resolvers are gone...
        assertThat(get(wan1.lookup("_sip._udp.provider.test", RecordType.SRV)).stale()).isTrue();
        // ...the next one, for another name, is answered stale at once: its own query is sent but
        // not waited for (a silent server never answers it, so a waiting lookup could not finish).
        CompletableFuture<DnsAnswer> next = wan1.lookup("sip.provider.test", RecordType.A).toCompletableFuture();
        assertThat(next).isCompleted();
        assertThat(next.join().stale()).isTrue();
        assertThat(next.join().addresses()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(lab.events.ofType(Event.DnsProblem.class)).last().satisfies(e -> {
            assertThat(e.servedStale()).isTrue();
            assertThat(e.reason()).startsWith("the resolvers of path wan1 failed").contains("without waiting");
        });

        // A resolver that answers again ends it: its answer is fresh and cached as usual.
        first.mode(FakeDnsServer.Mode.ANSWER);
        lab.clock.advance(Duration.ofSeconds(31));
        // (The query sent while it was silent may still be waiting out its timeout; the next is answered.)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !get(wan1.lookup("sip.provider.test", RecordType.A)).stale());
    }

    @Test
    void aNegativeAnswerWithoutATtlIsAskedAgainEachTimeButServedStaleWhenTheResolversFail() throws Exception {
        // A provider that publishes no NAPTR, behind a resolver whose NODATA carries no negative TTL.
        first.negativeTtl(0);
        first.a("provider.test", "192.0.2.99", 300);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        assertThat(get(wan1.lookup("provider.test", RecordType.NAPTR)).kind()).isEqualTo(DnsAnswer.Kind.NODATA);
        get(wan1.lookup("provider.test", RecordType.NAPTR));
        assertThat(first.queries("provider.test", Type.NAPTR)).as("not cached: asked again").isEqualTo(2);

        first.mode(FakeDnsServer.Mode.SILENT);
        lab.clock.advance(Duration.ofSeconds(10));
        // The "no NAPTR" it heard is served stale, so the locator goes on to SRV instead of failing.
        DnsAnswer stale = get(wan1.lookup("provider.test", RecordType.NAPTR));
        assertThat(stale.kind()).isEqualTo(DnsAnswer.Kind.NODATA);
        assertThat(stale.stale()).isTrue();
    }

    @Test
    void rightAfterAFailoverAnExpiredAnswerIsServedAtOnceWhileItsQueryGoesOut() throws Exception {
        first.srv("_sip._udp.provider.test", 10, 10, 5060, "sip.provider.test", 5);
        PathResolver taking = lab.resolver("wan2", "127.0.0.12", first);
        PathResolver other = lab.resolver("wan1", "127.0.0.11", first);
        get(taking.lookup("_sip._udp.provider.test", RecordType.SRV));
        get(other.lookup("_sip._udp.provider.test", RecordType.SRV));
        first.mode(FakeDnsServer.Mode.SILENT);
        lab.clock.advance(Duration.ofSeconds(10));

        taking.expedite(Duration.ofSeconds(2));
        CompletableFuture<DnsAnswer> srv = taking.lookup("_sip._udp.provider.test", RecordType.SRV).toCompletableFuture();
        assertThat(srv).isCompleted();
        assertThat(srv.join().stale()).isTrue();
        assertThat(lab.events.ofType(Event.DnsProblem.class)).last().satisfies(e ->
                assertThat(e.reason()).contains("path wan2 has just taken over"));
        // Its query went out all the same.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> first.queries("_sip._udp.provider.test", Type.SRV) >= 3);

        // A path not in that hurry waits for its resolvers' timeouts before it serves stale.
        assertThat(other.lookup("_sip._udp.provider.test", RecordType.SRV).toCompletableFuture()).isNotDone();
    }

    @Test
    void beyondMaxStaleTheLookupFailsAndSaysWhy() throws Exception {
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        get(wan1.lookup("sip.provider.test", RecordType.A));
        first.mode(FakeDnsServer.Mode.SERVFAIL);
        lab.clock.advance(Duration.ofSeconds(300).plus(Duration.ofDays(2)));

        assertThatThrownBy(() -> get(wan1.lookup("sip.provider.test", RecordType.A)))
                .isInstanceOf(DnsLookupException.class)
                .hasMessage("DNS lookup of sip.provider.test A on path wan1 failed: SERVFAIL from " + first.address()
                        + "; the cached answer expired 2 d ago, beyond the max-stale limit of 1 d."
                        + " Check that the resolvers of path wan1 are reachable from 127.0.0.11 and answer for this name.");
        assertThat(lab.events.ofType(Event.DnsProblem.class)).singleElement()
                .satisfies(e -> assertThat(e.servedStale()).isFalse());
    }

    @Test
    void aFailedLookupDoesNotPoisonTheNext() throws Exception {
        first.mode(FakeDnsServer.Mode.SERVFAIL);
        second.mode(FakeDnsServer.Mode.REFUSED);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", DnsLab.FAST.withAttempts(2), first, second);

        assertThatThrownBy(() -> get(wan1.lookup("sip.provider.test", RecordType.A)))
                .isInstanceOf(DnsLookupException.class)
                .hasMessageContaining("SERVFAIL from " + first.address() + " (x2); REFUSED from " + second.address() + " (x2)")
                .hasMessageContaining("no cached answer to serve stale");

        first.mode(FakeDnsServer.Mode.ANSWER);
        assertThat(get(wan1.lookup("sip.provider.test", RecordType.A)).addresses()).hasSize(1);
    }

    @Test
    void eachPathHasItsOwnServersAndItsOwnCache() throws Exception {
        first.clearZone();
        second.clearZone();
        first.a("sip.provider.test", "127.0.0.31", 300);
        second.a("sip.provider.test", "127.0.0.32", 300);
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first);
        PathResolver wan2 = lab.resolver("wan2", "127.0.0.12", second);

        assertThat(get(wan1.lookup("sip.provider.test", RecordType.A)).addresses())
                .containsExactly(InetAddress.getByName("127.0.0.31"));
        assertThat(get(wan2.lookup("sip.provider.test", RecordType.A)).addresses())
                .containsExactly(InetAddress.getByName("127.0.0.32"));
        assertThat(first.queries()).extracting(FakeDnsServer.Query::source)
                .containsOnly(InetAddress.getByName("127.0.0.11"));
        assertThat(second.queries()).extracting(FakeDnsServer.Query::source)
                .containsOnly(InetAddress.getByName("127.0.0.12"));
    }

    @Test
    void aResolverMustBeAnAddress() {
        assertThatThrownBy(() -> new PathResolver(DnsLab.path("wan1", "127.0.0.11",
                List.of(dev.lifeline.gateway.config.HostPort.parse("dns.example.net"))), DnsSettings.DEFAULTS, lab.clock, e -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resolver dns.example.net of path wan1 is a name; a resolver must be an IP address,"
                        + " e.g. 192.0.2.53 or 192.0.2.53:53");
    }

    @Test
    void aCutPathLosesItsQueriesUntilTheGateOpens() throws Exception {
        PathResolver wan1 = lab.resolver("wan1", "127.0.0.11", first, second);
        InetAddress cut = InetAddress.getByName("127.0.0.11");
        wan1.gate(local -> !local.getAddress().equals(cut));

        assertThatThrownBy(() -> get(wan1.lookup("sip.provider.test", RecordType.A)))
                .isInstanceOf(DnsLookupException.class).hasMessageContaining("timeout after 300 ms");
        assertThat(first.queries()).isEmpty();
        assertThat(second.queries()).isEmpty();

        wan1.gate(dev.lifeline.sip.transport.SocketGate.OPEN);
        assertThat(get(wan1.lookup("other.provider.test", RecordType.A)).kind()).isNotNull();
        assertThat(first.queries()).hasSize(1);
    }

    static <T> T get(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
