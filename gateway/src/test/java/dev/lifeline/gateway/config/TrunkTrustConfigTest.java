package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A TLS trunk says what it trusts; nothing is trusted by leaving the line out. */
class TrunkTrustConfigTest {

    /** MINIMAL with one TLS trunk whose trust lines are {@code trustLines}; the trunk starts on line 9. */
    private static String tlsTrunk(String trustLines) {
        return ConfigSamples.MINIMAL + """
                trunks:
                  - name: provider
                    provider: sip.example.net
                    transport: tls
                    register: false
                """ + trustLines;
    }

    private static Trunk trunk(String yaml) throws ConfigException {
        return SiteConfigLoader.parse("t.yaml", yaml).trunk("provider").orElseThrow();
    }

    private static String problem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("t.yaml", yaml));
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().getFirst().toString();
    }

    @Test
    void systemChoosesTheJdksCasExplicitly() throws Exception {
        Trunk t = trunk(tlsTrunk("    trust: system\n"));
        assertThat(t.trust()).contains(new TrunkTrust.SystemCas());
        assertThat(t.trustBundle()).isEmpty();
    }

    @Test
    void aPathChoosesOnlyTheCasInThatBundle() throws Exception {
        Trunk t = trunk(tlsTrunk("    trust: /etc/lifeline/provider-ca.pem\n"));
        assertThat(t.trust()).contains(new TrunkTrust.Bundle(Path.of("/etc/lifeline/provider-ca.pem")));
        assertThat(t.trustBundle()).contains(Path.of("/etc/lifeline/provider-ca.pem"));
    }

    @Test
    void aFingerprintPinsTheProvidersOwnCertificate() throws Exception {
        Trunk t = trunk(tlsTrunk("    trust: \"sha256:" + "0A:".repeat(31) + "0A\"\n"));
        assertThat(t.trust()).contains(new TrunkTrust.Pinned("0a".repeat(32)));
        assertThat(t.trust().orElseThrow().configValue()).isEqualTo("sha256:" + "0A:".repeat(31) + "0A");
        assertThat(problem(tlsTrunk("    trust: sha256:0a0b\n"))).isEqualTo("t.yaml:13:12: trunks[0].trust: \"sha256:0a0b\""
                + " is not a SHA-256 fingerprint; expected sha256: and 64 hex digits, e.g. from"
                + " openssl x509 -noout -fingerprint -sha256 -in provider.pem");
    }

    @Test
    void trustBundleIsTheOlderSpellingOfABundle() throws Exception {
        assertThat(trunk(tlsTrunk("    trustBundle: /etc/ca.pem\n")).trust())
                .contains(new TrunkTrust.Bundle(Path.of("/etc/ca.pem")));
        assertThat(problem(tlsTrunk("    trust: system\n    trustBundle: /etc/ca.pem\n")))
                .isEqualTo("t.yaml:14:18: trunks[0].trustBundle: is the older spelling of trust, which is also given;"
                        + " expected only trust");
    }

    @Test
    void aTlsTrunkWithoutTrustIsAnErrorNamingFileLineAndField() {
        assertThat(problem(tlsTrunk(""))).isEqualTo("t.yaml:9:5: trunks[0].trust: missing; expected what this TLS trunk"
                + " trusts for the provider's certificate: trust: system (the JDK's public CAs),"
                + " trust: /etc/lifeline/provider-ca.pem (a PEM bundle of the provider's CAs)"
                + " or trust: sha256:AB:CD:... (the fingerprint of the provider's own certificate)");
    }

    @Test
    void trustOnAUdpTrunkIsAnError() {
        String yaml = tlsTrunk("    trust: system\n").replace("transport: tls", "transport: udp");
        assertThat(problem(yaml)).isEqualTo("t.yaml:13:12: trunks[0].trust: is only used with transport tls;"
                + " this trunk uses udp");
    }

    @Test
    void aUdpTrunkNeedsNoTrust() throws Exception {
        Trunk t = trunk(tlsTrunk("").replace("transport: tls", "transport: udp"));
        assertThat(t.trust()).isEmpty();
    }
}
