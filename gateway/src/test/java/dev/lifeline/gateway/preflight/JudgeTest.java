package dev.lifeline.gateway.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.PreflightSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.config.WanPath;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdicts without a network: observations in, findings out. */
class JudgeTest {

    private static final String SITE = """
            site: {name: Test, countryCode: "%s"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, password: a}
            groups:
              - {number: 600, members: [1001]}
            trunks:
              - {name: itsp, provider: 192.0.2.50:5060, register: false}
            dialPlan:
              emergency: %s
              outbound:
                - {match: '9(\\d{7,15})', strip: 1, trunks: [itsp]}
            %s
            """;

    private static SiteConfig site(String country, String emergency, String extra) throws Exception {
        return SiteConfigLoader.parse("site.yaml", SITE.formatted(country, emergency, extra));
    }

    private static WanPath path(String name, String bind, Optional<String> nic, String... resolvers) throws Exception {
        return new WanPath(name, InetAddress.getByName(bind), nic,
                java.util.Arrays.stream(resolvers).map(HostPort::parse).toList(), 1);
    }

    private static Observed.Path seen(WanPath p, Observed.Route route, Observed.Resolver... resolvers) {
        return new Observed.Path(p, Optional.empty(), Optional.empty(), Optional.of(route), List.of(resolvers), List.of(),
                List.of(), List.of());
    }

    private static Observed.Resolver answered(String resolver, Observed.Route route) {
        return new Observed.Resolver(HostPort.parse(resolver), Optional.of("NOERROR"), Optional.of(Duration.ofMillis(3)),
                Optional.empty(), route);
    }

    private static Observed.Route via(String dst, String dev) {
        return Observed.Route.parse(dst, dst + " from 10.0.0.2 via 10.0.0.1 dev " + dev + " table 101 uid 0");
    }

    @Test
    void ipRouteGetOutputIsRead() {
        Observed.Route r = Observed.Route.parse("203.0.113.5", "203.0.113.5 from 10.1.0.2 via 10.1.0.1 dev wwan0 table 102 uid 0");
        assertThat(r.device()).contains("wwan0");
        assertThat(r.via()).contains("10.1.0.1");
        assertThat(Observed.Route.parse("127.0.0.21", "local 127.0.0.21 from 127.0.0.11 dev lo table local uid 0").device())
                .contains("lo");
        assertThat(Observed.Route.parse("x", "RTNETLINK answers: Network is unreachable").error()).isPresent();
    }

    @Test
    void aPathLeavingThroughAnotherInterfaceThanItsOwnFails() throws Exception {
        WanPath lte = path("wan2", "10.1.0.2", Optional.of("wwan0"), "10.1.0.53");
        Observed.Path p = seen(lte, via("203.0.113.5", "eth0"));

        Finding f = Judge.route(p, List.of(p));

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("dev eth0 via 10.0.0.1, not wwan0");
        assertThat(f.fix()).contains("ip rule add from 10.1.0.2");
    }

    @Test
    void aPinnedPathWithNoRouteThroughItsDeviceFails() throws Exception {
        WanPath lte = path("wan2", "10.1.0.2", Optional.of("wwan0"), "10.1.0.53");
        Observed.Path p = seen(lte, Observed.Route.failed("203.0.113.5", "ip route get: RTNETLINK answers: Network is unreachable"));

        Finding f = Judge.route(p, List.of(p));

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("no route through wwan0");
        assertThat(f.fix()).contains("dev wwan0");
        // Not being able to ask is still only a warning.
        Observed.Path unknown = seen(lte, Observed.Route.failed("203.0.113.5", "cannot run 'ip' (iproute2)"));
        assertThat(Judge.route(unknown, List.of(unknown)).verdict()).isEqualTo(Verdict.WARN);
        // ... and the command to check by hand asks as the pinned sockets send.
        assertThat(Judge.route(unknown, List.of(unknown)).fix()).isEqualTo(
                "check by hand: ip route get 203.0.113.5 from 10.1.0.2 oif wwan0");
    }

    @Test
    void twoPathsThroughOneInterfaceWarnAndAnUnreadableRouteWarnsToo() throws Exception {
        Observed.Path a = seen(path("wan1", "10.0.0.2", Optional.empty()), via("203.0.113.5", "eth0"));
        Observed.Path b = seen(path("wan2", "10.1.0.2", Optional.empty()), via("203.0.113.5", "eth0"));
        Observed.Path c = seen(path("wan3", "10.2.0.2", Optional.empty()), Observed.Route.failed("203.0.113.5",
                "cannot run 'ip' (iproute2)"));

        assertThat(Judge.route(b, List.of(a, b, c))).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.WARN);
            assertThat(f.observed()).contains("the same interface as [wan1]");
        });
        assertThat(Judge.route(c, List.of(a, b, c)).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void aResolverReachedOnlyThroughThePrimaryFailsTheSecondary() throws Exception {
        WanPath wan1 = path("wan1", "10.0.0.2", Optional.of("eth0"), "10.0.0.53");
        WanPath wan2 = path("wan2", "10.1.0.2", Optional.of("wwan0"), "10.0.0.53:5353", "10.1.0.53");
        Observed.Path one = seen(wan1, via("203.0.113.5", "eth0"), answered("10.0.0.53", via("10.0.0.53", "eth0")));
        Observed.Path two = seen(wan2, via("203.0.113.5", "wwan0"), answered("10.0.0.53:5353", via("10.0.0.53", "eth0")),
                answered("10.1.0.53", via("10.1.0.53", "wwan0")));

        Finding f = Judge.resolverOwnPath(two, List.of(one, two));

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("10.0.0.53:5353").contains("via eth0, wan1's uplink");
        assertThat(Judge.resolverOwnPath(one, List.of(one, two)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aResolverSharedByTwoPathsWarns() throws Exception {
        WanPath wan1 = path("wan1", "10.0.0.2", Optional.empty(), "192.0.2.53");
        WanPath wan2 = path("wan2", "10.1.0.2", Optional.empty(), "192.0.2.53");
        Observed.Path one = seen(wan1, via("192.0.2.53", "eth0"), answered("192.0.2.53", via("192.0.2.53", "eth0")));
        Observed.Path two = seen(wan2, via("192.0.2.53", "eth1"), answered("192.0.2.53", via("192.0.2.53", "eth1")));

        assertThat(Judge.resolverOwnPath(two, List.of(one, two)).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void probeIntervalAgainstAStatedPathNatTimeout() throws Exception {
        SiteConfig c = site("1", "[911]", "failover: {probeInterval: 40s, probeTimeout: 1s}")
                .withPreflight(new PreflightSettings(Map.of("wan1", Duration.ofSeconds(30)), Optional.empty(), Optional.empty()));

        Finding f = Judge.pathKeepalive(c, path("wan1", "10.0.0.2", Optional.empty()));

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("failover.probeInterval 40s").contains("wan1 NAT timeout 30s");
        assertThat(f.fix()).contains("failover.probeInterval");
    }

    @Test
    void emergencyWithoutANoWanFallbackWarnsAndAMissingCountryNumberFails() throws Exception {
        List<Finding> us = EmergencyRoutes.judge(site("1", "[911]", ""));
        assertThat(us).extracting(Finding::observed).anyMatch(o -> o.startsWith("911 →")).anyMatch(o -> o.startsWith("9911 →"));
        assertThat(us).allSatisfy(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.WARN);
            assertThat(f.fix()).contains("whenNoTrunk.emergencyGroup");
        });

        List<Finding> uk = EmergencyRoutes.judge(site("44", "[112]", ""));
        assertThat(uk).filteredOn(f -> f.observed().startsWith("999 ")).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(EmergencyRoutes.countryNumbers("49")).containsExactly("112");
    }

    @Test
    void upsRuntimeAgainstTheOutageTarget() {
        PreflightSettings two = new PreflightSettings(Map.of(), Optional.of("ups@127.0.0.1"),
                Optional.of(Duration.ofHours(2)));

        Observed.Ups short_ = UpsReader.parse("ups@127.0.0.1", "battery.charge: 100\nbattery.runtime: 1800\nups.status: OL\n");
        assertThat(Judge.ups(two, Optional.of(short_))).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(f.observed()).contains("battery.runtime 30m").contains("outage target 2h").contains("upsc");
        });
        Observed.Ups enough = UpsReader.parse("ups@127.0.0.1", "battery.runtime: 9000\nups.status: OL\n");
        assertThat(Judge.ups(two, Optional.of(enough)).verdict()).isEqualTo(Verdict.PASS);
        Observed.Ups unreadable = UpsReader.parse("ups@127.0.0.1", "ups.status: OL\n");
        assertThat(Judge.ups(two, Optional.of(unreadable)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Judge.ups(PreflightSettings.DEFAULT, Optional.empty()).verdict()).isEqualTo(Verdict.SKIP);
    }

    @Test
    void aMissingUpscIsAFailureThatSaysWhatToInstall() {
        Observed.Ups u = new UpsReader("/nonexistent/upsc", Duration.ofSeconds(1)).read("ups@127.0.0.1");

        Finding f = Judge.ups(new PreflightSettings(Map.of(), Optional.of("ups@127.0.0.1"), Optional.of(Duration.ofHours(1))),
                Optional.of(u));

        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("install nut-client");
    }

    @Test
    void anExpiryWithinThirtyDaysWarnsWithTheDaysLeft() throws Exception {
        var target = new dev.lifeline.gateway.tls.ProviderTarget("itsp", "wan1",
                new java.net.InetSocketAddress(InetAddress.getByAddress("sip1.example", new byte[] {127, 0, 0, 41}), 5061),
                InetAddress.getByName("127.0.0.11"), Optional.empty(), Optional.empty());
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        var soon = new dev.lifeline.gateway.tls.CertificateVerdict(dev.lifeline.gateway.tls.Severity.WARNING,
                "expires on 2026-12-20 (19 days)", Optional.of(Instant.parse("2026-12-20T00:00:00Z")), Optional.of("CN=sip1"));
        var trunk = site("1", "[911]", "").trunks().get(0);

        Finding f = Judge.certificate(new Observed.Certificate(trunk, target, soon), now);

        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.observed()).contains("19 days");
    }
}
