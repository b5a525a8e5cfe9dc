package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestAlgorithm;
import dev.lifeline.sip.transport.ConnectionLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings the example leaves at their defaults or comments out. */
class FullFeatureConfigTest {

    private static final String MD5 = "0123456789abcdef0123456789ABCDEF";
    private static final String SHA = "0123456789abcdef".repeat(4);

    private static final String YAML = """
            site: {name: London office, countryCode: "44", nationalPrefix: "0"}
            listen:
              - {transport: tls, address: "[::1]:5061", certificate: /etc/gw.crt, key: /etc/gw.key}
            extensions:
              - number: 201
                ha1: {md5: %s, sha-256: %s}
                groups: [700]
              - {number: 202, password: x}
            groups:
              - {number: 700, strategy: sequential, ringTimeout: 15s}
            dids:
              "+44 20 7946 0000": 700
            trunks:
              - name: itsp
                provider: sip.example.net
                transport: tls
                username: acct
                password: secret
                expires: 10m
                priority: 2
                trust: /etc/itsp-ca.pem
                clientCertificate: /etc/client.crt
                clientKey: /etc/client.key
                callerId: {outbound: national, inbound: e164}
              - {name: pots, provider: 192.168.1.20:5060, register: no}
            dialPlan:
              emergency: [999, 112]
              outbound:
                - {match: '0(\\d{9,10})', trunks: itsp, strip: 1, prefix: "+44"}
              whenNoTrunk: {emergencyTrunk: pots, emergencyGroup: 700}
            paths:
              - {name: fibre, bind: "2001:db8::11", interface: eth1, resolvers: ["[2001:db8::53]", 192.0.2.53:5353], priority: 1}
            failover: {preemptiveFailback: false, holdDown: 30s, rFloor: 60}
            dns: {queryTimeout: 300ms, attempts: 3, maxStale: 0s}
            registrar: {expiryBand: 0.5-0.9, keepaliveMethod: crlf, natKeepalive: 15s, digestAlgorithms: [sha-256, md5]}
            security: {banAfterFailures: 3, banDuration: 1h}
            admin: {listen: "[::1]:9000", token: t0k-0123456789abcdef0123456789abcdef}
            media: {rtpPorts: 20000-20099, dscp: 34}
            signalling: {dscp: AF31, t1: 1s, t2: 8s, tcpMaxConnections: 5000, tcpMaxPerSource: 400, tcpMessageTimeout: 20s}
            """.formatted(MD5, SHA);

    @Test
    void readsEverySetting() throws Exception {
        SiteConfig c = SiteConfigLoader.parse("full.yaml", YAML);

        assertThat(c.site()).isEqualTo(new Site("London office", "44", "0"));
        Listener tls = c.listen().get(0);
        assertThat(tls.tls()).contains(new TlsFiles(Path.of("/etc/gw.crt"), Path.of("/etc/gw.key")));
        assertThat(tls.address()).isEqualTo(HostPort.of("::1", 5061));
        Credential ha1 = c.extension("201").orElseThrow().credential();
        assertThat(ha1.ha1("201", "r", DigestAlgorithm.MD5_SESS)).contains(MD5.toLowerCase());
        assertThat(ha1.ha1("201", "r", DigestAlgorithm.SHA_256)).contains(SHA);
        assertThat(c.group("700").orElseThrow().members()).containsExactly("201");
        assertThat(c.dids()).containsExactly(new Did("+442079460000", "700"));

        Trunk itsp = c.trunk("itsp").orElseThrow();
        assertThat(itsp.provider().port()).isEmpty();
        assertThat(itsp.registrationExpires()).isEqualTo(Duration.ofMinutes(10));
        assertThat(itsp.clientCertificate()).isPresent();
        assertThat(itsp.trust()).contains(new TrunkTrust.Bundle(Path.of("/etc/itsp-ca.pem")));
        assertThat(itsp.callerId()).isEqualTo(new CallerIdPresentation(NumberFormat.NATIONAL, NumberFormat.E164));
        assertThat(c.trunk("pots").orElseThrow().register()).isFalse();
        assertThat(c.trunk("pots").orElseThrow().password()).isEmpty();

        OutboundRule national = c.dialPlan().outbound().get(0);
        assertThat(national.trunks()).containsExactly("itsp");
        assertThat(national.rewrite("02079460000")).isEqualTo("+442079460000");
        assertThat(c.dialPlan().whenNoTrunk()).isEqualTo(new NoTrunkPolicy(java.util.Optional.of("pots"),
                java.util.Optional.of("700")));

        WanPath fibre = c.paths().get(0);
        assertThat(fibre.networkInterface()).contains("eth1");
        assertThat(fibre.resolvers()).containsExactly(HostPort.of("2001:db8::53", 53), HostPort.of("192.0.2.53", 5353));
        assertThat(c.failover().preemptiveFailback()).isFalse();
        assertThat(c.failover().probeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.dns()).isEqualTo(new ResolverSettings(Duration.ofMillis(300), 3, Duration.ZERO));
        assertThat(c.registrar().expiryBandLow()).isEqualTo(0.5);
        assertThat(c.registrar().keepaliveMethod()).isEqualTo(KeepaliveMethod.CRLF);
        assertThat(c.registrar().digestAlgorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(c.registrar().realm()).isEqualTo("London office");
        assertThat(c.security()).isEqualTo(new SecuritySettings(3, Duration.ofMinutes(1), Duration.ofHours(1), false));
        assertThat(c.admin().token()).contains(new Secret("t0k-0123456789abcdef0123456789abcdef"));
        assertThat(c.media()).isEqualTo(new MediaSettings(20000, 20099, 34));
        assertThat(c.signalling().dscp()).isEqualTo(26);
        assertThat(c.signalling().timers().t4()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.signalling().tcp()).isEqualTo(new ConnectionLimits(5000, 400, Duration.ofSeconds(20)));
    }

    @Test
    void digestAlgorithmsOfferedToPhonesAreMd5OrSha256EachOnce() {
        for (String bad : new String[] {"[sha-512-256]", "[md5, md5]"}) {
            String yaml = YAML.replace("digestAlgorithms: [sha-256, md5]", "digestAlgorithms: " + bad);

            ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("full.yaml", yaml));

            assertThat(e.problems()).as(bad).singleElement().satisfies(p -> assertThat(p.toString())
                    .contains("registrar.digestAlgorithms").containsAnyOf("md5, sha-256", "md5 and/or sha-256"));
        }
    }

    @Test
    void aPathWithoutResolversCannotServeATrunkNamedByDomain() {
        String yaml = YAML.replace(", resolvers: [\"[2001:db8::53]\", 192.0.2.53:5353]", "");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("full.yaml", yaml));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly("full.yaml:32:5:"
                + " paths[0].resolvers: missing; trunk 'itsp' has the domain sip.example.net, which must be looked up"
                + " over this path; expected this path's DNS servers, e.g. resolvers: [192.0.2.53]");
    }
}
