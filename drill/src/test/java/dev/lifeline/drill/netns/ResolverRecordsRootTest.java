package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path's resolver as the lab runs it (dnsmasq in inet, in namespaces this test builds from the
 * plan and removes; as root, skipped with the reason elsewhere): it publishes both provider targets
 * by SRV, and started again without a record set (dnsRemove) it answers without it. Asked with
 * dnsjava's dig run inside inet.
 */
class ResolverRecordsRootTest {

    private NetnsPlan plan;
    private final List<Child> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void kernelLabAvailable() {
        RootLab.assumeAvailable();
    }

    @BeforeEach
    void build() throws Exception {
        plan = RootLab.build();
    }

    @AfterEach
    void teardown() throws Exception {
        started.forEach(Child::close);
        RootLab.remove(plan);
    }

    @Test
    void bothTargetsArePublishedAndARemovedSrvSetIsGoneAfterTheRestart() throws Exception {
        NetnsPlan.Uplink u = NetnsPlan.WAN1;
        Child first = resolver(u, Set.of(), "dnsmasq-1.log");

        String srv = dig(u, "_sip._udp." + NetnsPlan.PROVIDER_DOMAIN, "SRV");
        assertThat(srv).contains("status: NOERROR").contains("SRV\t10 10 5060 sip1.provider.test.")
                .contains("SRV\t20 10 5060 sip2.provider.test.");

        first.close();
        assertThat(first.isAlive()).isFalse();
        resolver(u, Set.of("SRV _sip._udp"), "dnsmasq-2.log");

        assertThat(dig(u, "_sip._udp." + NetnsPlan.PROVIDER_DOMAIN, "SRV")).as("after the restart").doesNotContain("\tSRV\t");
        assertThat(dig(u, "sip2." + NetnsPlan.PROVIDER_DOMAIN, "A")).contains("\tA\t198.18.0.11");
    }

    private Child resolver(NetnsPlan.Uplink u, Set<String> removed, String log) throws Exception {
        Child c = Child.start("dnsmasq " + u.siteDevice(), plan.resolver(u, dir.resolve("dnsmasq.pid"), removed), dir,
                dir.resolve(log), Duration.ofSeconds(3));
        started.add(c);
        Instant deadline = Instant.now().plusSeconds(10);
        while (!c.tail(20).contains("started, version") && Instant.now().isBefore(deadline) && c.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(c.tail(20)).as("dnsmasq started").contains("started, version");
        return c;
    }

    /** dnsjava's dig, run in inet against the uplink's resolver. */
    private String dig(NetnsPlan.Uplink u, String name, String type) throws Exception {
        String cp = jarOf(org.xbill.DNS.Message.class) + java.io.File.pathSeparator + jarOf(org.slf4j.LoggerFactory.class);
        List<String> c = new ArrayList<>(NetnsPlan.exec(plan.inet()));
        c.addAll(List.of("timeout", "20", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                "org.xbill.DNS.tools.dig", "@" + u.resolver(), name, type));
        return Shell.run(c);
    }

    private static String jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
