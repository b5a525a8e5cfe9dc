package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.preflight.Finding;
import dev.lifeline.gateway.preflight.Preflight;
import dev.lifeline.gateway.preflight.PreflightReport;
import dev.lifeline.gateway.preflight.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight on the lab's TLS mode: each target's certificate is judged by a handshake from
 * each path (valid for a year: pass, with the days left); one target switched to an expired
 * certificate fails on both paths, the other target and the SIP checks are untouched.
 */
class PreflightTlsLabTest {

    @TempDir
    Path work;

    @Test
    void anExpiredProviderCertificateFailsItsTargetOnEveryPath() throws Exception {
        LabOptions tls = LabOptions.DEFAULT.withTrunkTransport(Transport.TLS);
        try (Lab lab = Lab.start(SiteConfigLoader.load(Path.of("../examples/site.yaml")), work, line -> { }, tls)) {
            PreflightReport fine = Preflight.onThisHost().run(lab.labSite(), line -> { });
            fine.findings().forEach(f -> System.out.println("preflight tls: " + f.check() + " " + f.scope() + " "
                    + f.verdict().label() + " " + f.line()));
            assertThat(fine.passed()).isTrue();
            for (String path : List.of("wan1", "wan2")) {
                assertThat(fine.of("certificate", path)).hasSize(2).allSatisfy(f -> {
                    assertThat(f.verdict()).isEqualTo(Verdict.PASS);
                    assertThat(f.observed()).contains("days left").contains("handshake from");
                });
                assertThat(fine.of("options", path)).hasSize(2)
                        .allSatisfy(f -> assertThat(f.verdict()).as(f.line()).isEqualTo(Verdict.PASS));
                assertThat(fine.of("dns", path).get(0).observed()).contains("_sips._tcp.provider.lab");
            }

            lab.presentCertificate("sip1", Lab.TargetCertificate.EXPIRED);
            PreflightReport expired = Preflight.onThisHost().run(lab.labSite(), line -> { });

            assertThat(expired.passed()).isFalse();
            for (String path : List.of("wan1", "wan2")) {
                List<Finding> certificates = expired.of("certificate", path);
                assertThat(certificates).filteredOn(f -> f.observed().contains("sip1.provider.lab")).singleElement()
                        .satisfies(f -> {
                            assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
                            assertThat(f.observed()).containsIgnoringCase("expired");
                            assertThat(f.fix()).contains("renew");
                        });
                assertThat(certificates).filteredOn(f -> f.observed().contains("sip2.provider.lab")).singleElement()
                        .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.PASS));
                assertThat(expired.of("dns", path)).allSatisfy(f -> assertThat(f.verdict()).isEqualTo(Verdict.PASS));
            }
        }
    }
}
