package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestAlgorithm;
import dev.lifeline.sip.transport.ConnectionLimits;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/site.yaml is documentation; these tests keep it true to issues 3 and 4. */
class ExampleSiteConfigTest {

    static SiteConfig config;

    @BeforeAll
    static void load() throws Exception {
        config = SiteConfigLoader.load(Path.of("..", "examples", "site.yaml"));
    }

    @Test
    void siteAndListeners() {
        assertThat(config.site().countryCode()).isEqualTo("1");
        assertThat(config.listen()).extracting(Listener::transport).containsExactly(Transport.UDP, Transport.TCP);
        assertThat(config.listen()).extracting(l -> l.address().toString())
                .containsOnly("127.0.0.1:5060");
    }

    @Test
    void tenExtensionsWithPasswordPwNumber() {
        assertThat(config.extensions()).hasSize(10);
        for (int n = 1001; n <= 1010; n++) {
            Extension e = config.extension(String.valueOf(n)).orElseThrow();
            assertThat(e.credential()).isEqualTo(Credential.password("pw" + n));
        }
        // The credential answers digest the way a phone configured with pw1001 expects.
        assertThat(config.extension("1001").orElseThrow().credential().ha1("1001", "r", DigestAlgorithm.MD5))
                .contains(DigestAlgorithm.MD5.ha1("1001", "r", "pw1001"));
    }

    @Test
    void criticalRingAllGroup600() {
        Group g = config.group("600").orElseThrow();
        assertThat(g.strategy()).isEqualTo(RingStrategy.RING_ALL);
        assertThat(g.members()).containsExactly("1001", "1002", "1003");
        assertThat(g.critical()).isTrue();
    }

    @Test
    void didsPointAtExtensionAndGroup() {
        assertThat(config.dids()).containsExactly(new Did("+15550100", "1001"), new Did("+15550199", "600"));
    }

    @Test
    void providerTrunkRegistersOverUdp() {
        Trunk t = config.trunk("provider").orElseThrow();
        assertThat(t.provider()).isEqualTo(HostPort.of("127.0.0.1", 5070));
        assertThat(t.transport()).isEqualTo(Transport.UDP);
        assertThat(t.register()).isTrue();
        assertThat(t.username()).contains("site1");
        assertThat(t.password()).contains(new Secret("trunkpw"));
        assertThat(t.callerId()).isEqualTo(CallerIdPresentation.DEFAULT);
    }

    @Test
    void dialPlanWithEmergencyNumbers() {
        DialPlan d = config.dialPlan();
        assertThat(d.emergency()).containsExactly("911", "112");
        assertThat(d.outbound()).hasSize(2);
        OutboundRule outsideLine = d.outbound().get(0);
        assertThat(outsideLine.match().matcher("95551234").matches()).isTrue();
        assertThat(outsideLine.rewrite("95551234")).isEqualTo("5551234");
        assertThat(d.whenNoTrunk().emergencyGroup()).contains("600");
        assertThat(d.internal().orElseThrow().matcher("1099").matches()).isTrue();
        // Taken from the outside-line rule: 9911 and 9112 are emergency calls, not unassigned extensions.
        assertThat(d.outsideLine()).containsExactly("9");
        assertThat(d.emergencyDialStrings()).containsExactly("911", "112", "9911", "9112");
        assertThat(d.limits()).isEqualTo(CallLimits.DEFAULT);
    }

    @Test
    void twoPathsEachWithItsOwnResolver() throws Exception {
        assertThat(config.paths()).extracting(WanPath::name).containsExactly("wan1", "wan2");
        WanPath wan1 = config.path("wan1").orElseThrow();
        WanPath wan2 = config.path("wan2").orElseThrow();
        assertThat(wan1.priority()).isEqualTo(1);
        assertThat(wan2.priority()).isEqualTo(2);
        assertThat(wan1.bind()).isEqualTo(InetAddress.getByName("127.0.0.11"));
        assertThat(wan2.bind()).isEqualTo(InetAddress.getByName("127.0.0.12"));
        assertThat(wan1.resolvers()).hasSize(1).doesNotContainAnyElementsOf(wan2.resolvers());
    }

    @Test
    void defaultsFromTheDesign() {
        // The example names the provider's reflector; every other failover value is the default.
        assertThat(config.failover()).isEqualTo(FailoverSettings.DEFAULT.withReflector(HostPort.of("127.0.0.1", 5071)));
        assertThat(config.dns()).isEqualTo(ResolverSettings.DEFAULT);
        assertThat(config.dns()).isEqualTo(new ResolverSettings(Duration.ofSeconds(1), 2, Duration.ofDays(1)));
        assertThat(config.registrar().minExpires()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.registrar().maxExpires()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(config.registrar().expiryBandLow()).isEqualTo(0.8);
        assertThat(config.registrar().natKeepalive()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.registrar().maxContacts()).isEqualTo(RegistrarSettings.DEFAULT_MAX_CONTACTS).isEqualTo(5);
        assertThat(config.media().dscp()).isEqualTo(46);
        assertThat(config.signalling().dscp()).isEqualTo(24);
        assertThat(config.signalling().timers().t1()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.signalling().tcp()).isEqualTo(ConnectionLimits.DEFAULT);
        assertThat(config.storage()).isEqualTo(Path.of("./.lifeline/data"));
        assertThat(config.admin().listen()).isEqualTo(HostPort.of("127.0.0.1", 8089));
        assertThat(config.admin().tokenFile()).isPresent();
    }

    @Test
    void minimalFileTakesEveryDefault() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("min.yaml", ConfigSamples.MINIMAL);
        assertThat(c.failover()).isEqualTo(FailoverSettings.DEFAULT);
        assertThat(c.dns()).isEqualTo(ResolverSettings.DEFAULT);
        assertThat(c.security()).isEqualTo(SecuritySettings.DEFAULT);
        assertThat(c.media()).isEqualTo(MediaSettings.DEFAULT);
        assertThat(c.signalling()).isEqualTo(SignallingSettings.DEFAULT);
        assertThat(c.storage()).isEqualTo(ServiceReader.DEFAULT_STORAGE);
        assertThat(c.admin().listen()).isEqualTo(ServiceReader.DEFAULT_ADMIN);
        assertThat(c.admin().token()).isEmpty();
        assertThat(c.registrar().realm()).isEqualTo("Test");
        assertThat(c.paths()).isEmpty();
        assertThat(c.trunks()).isEmpty();
        assertThat(c.groups()).isEmpty();
        assertThat(c.extensions()).extracting(Extension::displayName).containsExactly("1001");
    }

    @Test
    void extensionsNamingAGroupJoinItAfterItsListedMembers() throws Exception {
        String yaml = ConfigSamples.MINIMAL.replace("""
                  - {number: 1001, password: a}
                """, """
                  - {number: 1001, password: a}
                  - {number: 1002, password: b, groups: [700]}
                  - {number: 1003, password: c, groups: [700]}
                groups:
                  - {number: 700, strategy: sequential, members: [1003, 1001]}
                """);
        Group g = SiteConfigLoader.parse("g.yaml", yaml).group("700").orElseThrow();
        assertThat(g.members()).isEqualTo(List.of("1003", "1001", "1002"));
        assertThat(g.strategy()).isEqualTo(RingStrategy.SEQUENTIAL);
    }
}
