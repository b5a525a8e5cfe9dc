package dev.lifeline.drill.lab.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/** A target offering TLS is published under _sips._tcp, reached from a SIPS+D2T NAPTR. */
class ProviderZoneTlsTest {

    @Test
    void tlsTargetsGetSipsRecords() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.20.1");
        ZoneView view = ProviderZone.view("provider.lab", List.of(
                ZoneTarget.udp("sip1", a, 5060).withTlsPort(5061).withPriority(10),
                ZoneTarget.udp("sip2", a, 5062).withPriority(20)), Duration.ofSeconds(30));

        assertThat(view.lookup(ProviderZone.absolute("provider.lab"), Type.NAPTR)).map(r -> (NAPTRRecord) r)
                .anySatisfy(n -> {
                    assertThat(n.getService()).isEqualTo("SIPS+D2T");
                    assertThat(n.getReplacement().toString()).isEqualTo("_sips._tcp.provider.lab.");
                });
        assertThat(view.lookup(ProviderZone.absolute("_sips._tcp.provider.lab"), Type.SRV)).singleElement()
                .satisfies(r -> {
                    assertThat(((SRVRecord) r).getPort()).isEqualTo(5061);
                    assertThat(((SRVRecord) r).getTarget().toString()).isEqualTo("sip1.provider.lab.");
                });
    }

    @Test
    void withoutTlsThereAreNoSipsRecords() throws Exception {
        ZoneView view = ProviderZone.view("provider.lab",
                List.of(ZoneTarget.udp("sip1", InetAddress.getByName("127.0.20.1"), 5060)), Duration.ofSeconds(30));
        assertThat(view.lookup(ProviderZone.absolute("provider.lab"), Type.NAPTR)).map(r -> ((NAPTRRecord) r).getService())
                .containsExactly("SIP+D2U");
        assertThat(view.lookup(ProviderZone.absolute("_sips._tcp.provider.lab"), Type.SRV)).isEmpty();
    }
}
