package dev.lifeline.gateway.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.gateway.config.SiteConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated table goes through nftables' own parser and validator ({@code nft -c -f}:
 * check only, nothing is applied). Needs the Debian package {@code nftables}; CI installs it.
 */
class NftCheckTest {

    private static final Path NFT = Path.of("/usr/sbin/nft");

    @TempDir
    Path tmp;

    @BeforeAll
    static void nftInstalled() {
        assumeTrue(Files.isExecutable(NFT), "nft is not installed (apt-get install nftables): the rules cannot be checked");
    }

    private record Result(int exit, String output) {
    }

    private Result check(String rules) throws Exception {
        Path file = Files.writeString(tmp.resolve("lifeline-qos.nft"), rules);
        Process p = new ProcessBuilder(NFT.toString(), "-c", "-f", file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("nft -c finished within 30 s").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String rules(SiteConfig site) {
        PlanOptions o = new PlanOptions(LinkRate.parse("20mbit"), LinkRate.parse("100mbit"), Shaper.CAKE,
                List.of(CodecUse.parse("g711")), 0.25, 0.95);
        return QosPlanner.plan(site, Optional.empty(), o).nftables();
    }

    @Test
    void the_example_sites_rules_pass_nft_check() throws Exception {
        Result r = check(rules(QosSites.example()));
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void rules_with_ipv6_tls_and_unnamed_code_points_pass_nft_check() throws Exception {
        Result r = check(rules(QosSites.mixed()));
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void the_check_fails_on_a_broken_rule_so_a_pass_means_something() throws Exception {
        String broken = rules(QosSites.example()).replace("ip dscp set ef accept", "ip dscp set expedited accept");
        Result r = check(broken);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("expedited");
    }
}
