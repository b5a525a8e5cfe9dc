package dev.lifeline.gateway.dns;

import static dev.lifeline.gateway.dns.PathResolverSocketTest.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.sip.transport.Transport;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** RFC 3263 location against a fake authoritative server on loopback. */
class SipLocatorSocketTest {

    private final DnsLab lab = new DnsLab();
    private FakeDnsServer dns;
    private SipLocator locator;

    @BeforeEach
    void start() throws Exception {
        dns = FakeDnsServer.start("127.0.0.23");
        locator = new SipLocator(lab.resolver("wan1", "127.0.0.13", dns), new SplittableRandom(5));
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void naptrLeadsToSrvLeadsToEveryAddressInSrvOrder() throws Exception {
        dns.naptr("provider.test", 10, 10, "SIP+D2T", "_sip._tcp.provider.test", 300)
                .naptr("provider.test", 20, 10, "SIP+D2U", "_sip._udp.provider.test", 300)
                .srv("_sip._udp.provider.test", 20, 0, 5070, "sip2.provider.test", 300)
                .srv("_sip._udp.provider.test", 10, 0, 5060, "sip1.provider.test", 300)
                .srv("_sip._tcp.provider.test", 10, 0, 5060, "tcp.provider.test", 300)
                .a("sip1.provider.test", "192.0.2.1", 300)
                .a("sip1.provider.test", "192.0.2.11", 300)
                .a("sip2.provider.test", "192.0.2.2", 300)
                .a("tcp.provider.test", "192.0.2.9", 300);

        List<ProviderTarget> targets = get(locator.locate(HostPort.parse("provider.test"), Transport.UDP));

        assertThat(targets).extracting(ProviderTarget::toString).containsExactly(
                "udp 192.0.2.1:5060 (sip1.provider.test)",
                "udp 192.0.2.11:5060 (sip1.provider.test)",
                "udp 192.0.2.2:5070 (sip2.provider.test)");
        assertThat(targets.getFirst().srvName()).contains("_sip._udp.provider.test");
        assertThat(targets.getFirst().priority()).isEqualTo(10);
        assertThat(targets.get(2).priority()).isEqualTo(20);
        assertThat(targets.getFirst().toTarget().remote().getHostString()).isEqualTo("sip1.provider.test");
        assertThat(dns.queries("_sip._tcp.provider.test", Type.SRV)).isZero();
    }

    @Test
    void withoutNaptrTheTransportsSrvNameIsAsked() throws Exception {
        dns.a("provider.test", "192.0.2.99", 300)
                .srv("_sips._tcp.provider.test", 0, 0, 5061, "tls.provider.test", 300)
                .srv("_sip._tcp.provider.test", 0, 0, 5060, "tcp.provider.test", 300)
                .a("tls.provider.test", "192.0.2.5", 300)
                .a("tcp.provider.test", "192.0.2.6", 300);

        List<ProviderTarget> tls = get(locator.locate(HostPort.parse("provider.test"), Transport.TLS));
        assertThat(tls).containsExactly(new ProviderTarget(Transport.TLS,
                address("tls.provider.test", "192.0.2.5", 5061), Optional.of("_sips._tcp.provider.test"), 0, 0));
        // The name TLS checks the certificate against:
        assertThat(tls.getFirst().address().getHostString()).isEqualTo("tls.provider.test");

        List<ProviderTarget> tcp = get(locator.locate(HostPort.parse("provider.test"), Transport.TCP));
        assertThat(tcp).extracting(ProviderTarget::toString).containsExactly("tcp 192.0.2.6:5060 (tcp.provider.test)");
        assertThat(dns.queries("provider.test", Type.NAPTR)).isEqualTo(1); // NODATA, cached
    }

    @Test
    void withoutNaptrOrSrvTheDomainsAddressesOnTheDefaultPort() throws Exception {
        dns.a("provider.test", "192.0.2.7", 300).a("provider.test", "192.0.2.8", 300);

        assertThat(get(locator.locate(HostPort.parse("provider.test"), Transport.UDP)))
                .extracting(ProviderTarget::toString)
                .containsExactly("udp 192.0.2.7:5060 (provider.test)", "udp 192.0.2.8:5060 (provider.test)");
        assertThat(get(locator.locate(HostPort.parse("provider.test"), Transport.TLS)))
                .extracting(ProviderTarget::toString)
                .containsExactly("tls 192.0.2.7:5061 (provider.test)", "tls 192.0.2.8:5061 (provider.test)");
        assertThat(get(locator.locate(HostPort.parse("provider.test"), Transport.TLS)).getFirst().srvName()).isEmpty();
    }

    @Test
    void aPortMeansAddressRecordsOnly() throws Exception {
        dns.naptr("provider.test", 10, 10, "SIP+D2U", "_sip._udp.provider.test", 300)
                .srv("_sip._udp.provider.test", 10, 0, 5060, "sip1.provider.test", 300)
                .a("provider.test", "192.0.2.7", 300);

        assertThat(get(locator.locate(HostPort.parse("provider.test:5080"), Transport.UDP)))
                .extracting(ProviderTarget::toString).containsExactly("udp 192.0.2.7:5080 (provider.test)");
        assertThat(dns.queries()).extracting(FakeDnsServer.Query::type).containsOnly(Type.A);
    }

    @Test
    void anIpLiteralIsUsedAsIsWithoutDns() throws Exception {
        assertThat(get(locator.locate(HostPort.parse("192.0.2.44"), Transport.TLS)))
                .extracting(ProviderTarget::toString).containsExactly("tls 192.0.2.44:5061");
        assertThat(get(locator.locate(HostPort.parse("[2001:db8::5]:5070"), Transport.TCP)))
                .extracting(ProviderTarget::toString).containsExactly("tcp [2001:db8:0:0:0:0:0:5]:5070");
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void srvTargetsWithoutAddressesAreSkipped() throws Exception {
        dns.srv("_sip._udp.provider.test", 10, 0, 5060, "gone.provider.test", 300)
                .srv("_sip._udp.provider.test", 20, 0, 5060, "sip2.provider.test", 300)
                .a("sip2.provider.test", "192.0.2.2", 300);

        assertThat(get(locator.locate(HostPort.parse("provider.test"), Transport.UDP)))
                .extracting(ProviderTarget::toString).containsExactly("udp 192.0.2.2:5060 (sip2.provider.test)");
    }

    @Test
    void theDotTargetSaysTheServiceIsNotOffered() {
        dns.srv("_sip._udp.provider.test", 0, 0, 0, ".", 300);
        assertThatThrownBy(() -> get(locator.locate(HostPort.parse("provider.test"), Transport.UDP)))
                .isInstanceOf(DnsLookupException.class)
                .hasMessage("cannot locate SIP provider provider.test for udp on path wan1: the provider does not offer"
                        + " this service: _sip._udp.provider.test SRV has the target \".\" (RFC 2782)");
    }

    @Test
    void aNameWithoutAddressesFailsClearly() {
        assertThatThrownBy(() -> get(locator.locate(HostPort.parse("missing.test"), Transport.UDP)))
                .isInstanceOf(DnsLookupException.class)
                .hasMessage("cannot locate SIP provider missing.test for udp on path wan1: missing.test has no address records (A)");
    }

    @Test
    void aBrokenResolverFailsLocationWithTheResolversStory() {
        dns.mode(FakeDnsServer.Mode.SERVFAIL);
        assertThatThrownBy(() -> get(locator.locate(HostPort.parse("provider.test"), Transport.UDP)))
                .isInstanceOf(DnsLookupException.class)
                .hasMessageStartingWith("cannot locate SIP provider provider.test for udp on path wan1: DNS lookup of"
                        + " _sip._udp.provider.test SRV on path wan1 failed: SERVFAIL from " + dns.address());
    }

    @Test
    void whenTheResolverDiesTheLastTargetsAreServedStale() throws Exception {
        dns.srv("_sip._udp.provider.test", 10, 0, 5060, "sip1.provider.test", 60)
                .a("sip1.provider.test", "192.0.2.1", 60);
        List<ProviderTarget> before = get(locator.locate(HostPort.parse("provider.test"), Transport.UDP));

        dns.stop();
        lab.clock.advance(java.time.Duration.ofMinutes(10));
        List<ProviderTarget> during = get(locator.locate(HostPort.parse("provider.test"), Transport.UDP));

        assertThat(during).isEqualTo(before);
        assertThat(lab.events.ofType(dev.lifeline.gateway.events.Event.DnsProblem.class))
                .extracting(e -> e.name() + " " + e.recordType() + " " + e.servedStale())
                .containsExactlyInAnyOrder("provider.test NAPTR true", "_sip._udp.provider.test SRV true",
                        "sip1.provider.test A true");
    }

    private static java.net.InetSocketAddress address(String name, String ip, int port) throws Exception {
        return new java.net.InetSocketAddress(
                java.net.InetAddress.getByAddress(name, java.net.InetAddress.getByName(ip).getAddress()), port);
    }
}
