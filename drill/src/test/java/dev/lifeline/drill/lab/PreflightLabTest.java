package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.lab.dns.DnsFault;
import dev.lifeline.drill.lab.dns.ProviderZone;
import dev.lifeline.drill.lab.provider.ProviderFault;
import dev.lifeline.gateway.config.DialPlan;
import dev.lifeline.gateway.config.PreflightSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.preflight.Finding;
import dev.lifeline.gateway.preflight.Preflight;
import dev.lifeline.gateway.preflight.PreflightReport;
import dev.lifeline.gateway.preflight.Verdict;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The preflight against the in-process lab on examples/site.yaml: the lab's site (its provider
 * domain, each path's own resolver) passes every check; then one fault at a time, each caught by
 * its check with a message that says what to fix, while the checks it does not concern still pass.
 */
class PreflightLabTest {

    private static Path work;
    private static Lab lab;
    private static SiteConfig site;

    @BeforeAll
    static void startLab() throws Exception {
        work = Files.createTempDirectory("preflight-lab");
        SiteConfig example = SiteConfigLoader.load(Path.of("../examples/site.yaml"));
        lab = Lab.start(example, work, line -> { });
        site = lab.labSite();
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void healLab() {
        lab.dns().setFaultEverywhere(DnsFault.NONE);
        lab.provider().setFault("sip1", ProviderFault.HEALTHY);
        lab.provider().setFault("sip2", ProviderFault.HEALTHY);
    }

    private static PreflightReport check(SiteConfig config) {
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        PreflightReport report = Preflight.onThisHost().run(config, progress::add);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report.findings().forEach(f -> System.out.println("preflight: " + f.check() + " " + f.scope() + " "
                + f.verdict().label() + " " + f.line()));
        assertThat(took).as("a whole run finishes in seconds").isLessThan(Duration.ofSeconds(15));
        assertThat(progress).anyMatch(l -> l.startsWith("wan1:")).anyMatch(l -> l.startsWith("wan2:"));
        return report;
    }

    private static List<Finding> of(PreflightReport r, String check, String path) {
        List<Finding> found = r.of(check, path);
        assertThat(found).as(check + " on " + path).isNotEmpty();
        return found;
    }

    private static void allPass(PreflightReport r, String check, String path) {
        assertThat(of(r, check, path)).allSatisfy(f -> assertThat(f.verdict()).as(f.line()).isEqualTo(Verdict.PASS));
    }

    /** Every check but {@code except} on wan1, and the site's checks, still pass. */
    private static void wan1AndSiteUnaffected(PreflightReport r) {
        for (String check : List.of("bind", "route", "resolver", "resolver-own-path", "dns", "options", "keepalive")) {
            allPass(r, check, "wan1");
        }
        allPass(r, "emergency", "site");
    }

    @Test
    void theLabSitePassesEveryCheck() {
        PreflightReport r = check(site);

        assertThat(r.passed()).isTrue();
        assertThat(r.findings()).filteredOn(f -> f.verdict() == Verdict.FAIL || f.verdict() == Verdict.WARN).isEmpty();
        for (String path : List.of("wan1", "wan2")) {
            for (String check : List.of("bind", "route", "resolver", "resolver-own-path", "dns", "keepalive")) {
                allPass(r, check, path);
            }
            assertThat(of(r, "options", path)).hasSize(2).allSatisfy(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.PASS);
                assertThat(f.observed()).contains("200").contains("sent from");
            });
            assertThat(of(r, "dns", path).get(0).observed()).contains("NAPTR → SRV _sip._udp.provider.lab").contains("2 targets");
        }
        assertThat(of(r, "resolver", "wan2").get(0).observed()).contains("127.0.0.22").contains("asked from 127.0.0.12");
        assertThat(of(r, "keepalive", "site").get(0).observed()).contains("registrar.natKeepalive 25s");
        assertThat(of(r, "emergency", "site")).extracting(Finding::observed)
                .anyMatch(o -> o.startsWith("911 →")).anyMatch(o -> o.startsWith("9911 →"));
        assertThat(of(r, "ups", "site").get(0).verdict()).isEqualTo(Verdict.SKIP);
    }

    @Test
    void aSilentResolverIsCaughtOnItsPathOnly() {
        lab.dns().endpoint("wan2").setFault(DnsFault.SILENT);

        PreflightReport r = check(site);

        assertThat(r.passed()).isFalse();
        Finding resolver = of(r, "resolver", "wan2").get(0);
        assertThat(resolver.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(resolver.observed()).contains("did not answer").contains("asked from 127.0.0.12");
        assertThat(resolver.fix()).contains("paths[wan2].resolvers");
        assertThat(of(r, "resolver-own-path", "wan2").get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(of(r, "dns", "wan2").get(0).verdict()).isEqualTo(Verdict.FAIL);
        wan1AndSiteUnaffected(r);
    }

    @Test
    void srvMissingOnOnePathIsCaught() throws Exception {
        Name srv = Name.fromString("_sip._udp." + Lab.DOMAIN + ".");
        Name domain = ProviderZone.absolute(Lab.DOMAIN);
        var endpoint = lab.dns().endpoint("wan2");
        var before = endpoint.view();
        ARecord fallback = new ARecord(domain, DClass.IN, 5, InetAddress.getByName("127.0.0.42"));
        // The provider's A record is still there, so the gateway would fall back to one address on port 5060.
        endpoint.updateView(v -> v.without(srv, Type.SRV)
                .with(fallback));
        try {
            PreflightReport r = check(site);

            Finding dns = of(r, "dns", "wan2").get(0);
            assertThat(dns.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(dns.observed()).contains("no SRV").contains("[wan1] have it");
            assertThat(dns.fix()).contains("SRV records");
            allPass(r, "resolver", "wan2");
            wan1AndSiteUnaffected(r);
        } finally {
            endpoint.setView(before);
        }
    }

    @Test
    void aProviderTargetNotAnsweringOptionsIsCaughtPerTarget() {
        lab.provider().setFault("sip2", ProviderFault.SILENT);

        PreflightReport r = check(site);

        for (String path : List.of("wan1", "wan2")) {
            List<Finding> options = of(r, "options", path);
            assertThat(options).filteredOn(f -> f.observed().contains("sip2.provider.lab")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                        assertThat(f.observed()).contains("no answer to OPTIONS");
                        assertThat(f.fix()).contains("provider target");
                    });
            assertThat(options).filteredOn(f -> f.observed().contains("sip1.provider.lab")).singleElement()
                    .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.PASS));
            allPass(r, "dns", path);
            allPass(r, "resolver", path);
        }
        allPass(r, "emergency", "site");
    }

    @Test
    void aKeepaliveLongerThanTheStatedNatTimeoutIsCaught() {
        SiteConfig config = site.withPreflight(new PreflightSettings(Map.of("lan", Duration.ofSeconds(20),
                "wan1", Duration.ofSeconds(30)), Optional.empty(), Optional.empty()));

        PreflightReport r = check(config);

        Finding lan = of(r, "keepalive", "site").get(0);
        assertThat(lan.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(lan.observed()).contains("registrar.natKeepalive 25s").contains("LAN NAT timeout 20s")
                .contains("preflight.natTimeouts.lan");
        assertThat(lan.fix()).contains("registrar.natKeepalive").contains("10s");
        assertThat(of(r, "keepalive", "wan1").get(0).observed()).contains("(preflight.natTimeouts.wan1)");
        wan1AndSiteUnaffected(r);
    }

    @Test
    void anEmergencyNumberTheDialPlanDoesNotRouteIsCaught() {
        DialPlan plan = site.dialPlan();
        // The example site is in country code 1: a plan knowing only 112 leaves 911 to the internal pattern.
        SiteConfig config = site.withDialPlan(new DialPlan(plan.internal(), List.of("112"), plan.outsideLine(),
                plan.outbound(), plan.whenNoTrunk(), plan.limits()));

        PreflightReport r = check(config);

        assertThat(r.passed()).isFalse();
        assertThat(of(r, "emergency", "site")).filteredOn(f -> f.observed().startsWith("911 ")).singleElement()
                .satisfies(f -> {
                    assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                    assertThat(f.observed()).contains("country code 1").contains("not to a trunk");
                    assertThat(f.fix()).isEqualTo("add 911 to dialPlan.emergency");
                });
        assertThat(of(r, "emergency", "site")).filteredOn(f -> f.observed().startsWith("112 →")).singleElement()
                .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.PASS));
        for (String check : List.of("bind", "resolver", "dns", "options")) {
            allPass(r, check, "wan1");
            allPass(r, check, "wan2");
        }
    }

    @Test
    void aBindAddressNotOnThisHostIsCaughtAndItsPathIsNotProbed() throws Exception {
        // TEST-NET-1 (RFC 5737): never configured on a host; nothing is sent from or to it.
        InetAddress absent = InetAddress.getByName("192.0.2.12");
        List<WanPath> paths = site.paths().stream().map(p -> p.name().equals("wan2")
                ? new WanPath(p.name(), absent, p.networkInterface(), p.resolvers(), p.priority()) : p).toList();
        SiteConfig config = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), site.dialPlan(), paths, site.failover(), site.registrar(), site.security(), site.storage(),
                site.admin(), site.media(), site.signalling(), site.dns(), site.events(), site.preflight());

        PreflightReport r = check(config);

        Finding bind = of(r, "bind", "wan2").get(0);
        assertThat(bind.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(bind.observed()).contains("192.0.2.12 is not usable on this host");
        assertThat(bind.fix()).contains("paths[wan2].bind");
        for (String check : List.of("route", "resolver", "dns", "options")) {
            assertThat(of(r, check, "wan2")).allSatisfy(f -> {
                assertThat(f.verdict()).isEqualTo(Verdict.SKIP);
                assertThat(f.observed()).contains("see bind");
            });
        }
        wan1AndSiteUnaffected(r);
    }

    @Test
    void anInterfaceThatIsNotThereIsCaught() {
        List<WanPath> paths = site.paths().stream().map(p -> new WanPath(p.name(), p.bind(),
                Optional.of(p.name().equals("wan1") ? "lo" : "nosuch0"), p.resolvers(), p.priority())).toList();
        SiteConfig config = new SiteConfig(site.site(), site.listen(), site.extensions(), site.groups(), site.dids(),
                site.trunks(), site.dialPlan(), paths, site.failover(), site.registrar(), site.security(), site.storage(),
                site.admin(), site.media(), site.signalling(), site.dns(), site.events(), site.preflight());

        PreflightReport r = check(config);

        Finding bind = of(r, "bind", "wan2").get(0);
        assertThat(bind.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(bind.observed()).contains("no interface nosuch0");
        assertThat(bind.fix()).contains("paths[wan2].interface");
        Finding route = of(r, "route", "wan2").get(0);
        assertThat(route.verdict()).as(route.line()).isEqualTo(Verdict.FAIL);
        // Asked as the pinned sockets send (oif nosuch0): the kernel knows no such device.
        assertThat(route.observed()).contains("no route through nosuch0");
        assertThat(route.fix()).contains("dev nosuch0");
        allPass(r, "bind", "wan1");
        allPass(r, "route", "wan1");
    }
}
