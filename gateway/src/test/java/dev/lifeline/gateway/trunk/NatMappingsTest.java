package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The NAT mapping change detector and the public address read from a response's top Via. */
class NatMappingsTest {

    private static final Target A = Target.of(Transport.UDP, new InetSocketAddress("127.0.0.41", 5060));
    private static final Target B = Target.of(Transport.UDP, new InetSocketAddress("127.0.0.42", 5060));

    @Test
    void theFirstObservationIsTheBaselineNotAChange() {
        NatMappings.Step step = NatMappings.EMPTY.observe("wan1", A, "127.0.0.31:39001");

        assertThat(step.change()).isEmpty();
        assertThat(step.mappings().seen()).containsEntry(new NatMappings.Key("wan1", A), "127.0.0.31:39001");
    }

    @Test
    void theSameAddressAgainIsNoChange() {
        NatMappings m = NatMappings.EMPTY.observe("wan1", A, "127.0.0.31:39001").mappings();

        NatMappings.Step again = m.observe("wan1", A, "127.0.0.31:39001");

        assertThat(again.change()).isEmpty();
        assertThat(again.mappings()).isSameAs(m);
    }

    @Test
    void aNewPortIsAChangeOnceThenTheNewBaseline() {
        NatMappings m = NatMappings.EMPTY.observe("wan1", A, "127.0.0.31:39001").mappings();

        NatMappings.Step changed = m.observe("wan1", A, "127.0.0.31:40002");

        assertThat(changed.change()).hasValueSatisfying(c -> {
            assertThat(c.was()).isEqualTo("127.0.0.31:39001");
            assertThat(c.now()).isEqualTo("127.0.0.31:40002");
            assertThat(c.describe()).isEqualTo(
                    "NAT mapping changed on wan1: provider now sees 127.0.0.31:40002 (was 127.0.0.31:39001)");
        });
        assertThat(changed.mappings().observe("wan1", A, "127.0.0.31:40002").change()).isEmpty();
    }

    @Test
    void eachPathAndTargetHasItsOwnBaseline() {
        NatMappings m = NatMappings.EMPTY.observe("wan1", A, "127.0.0.31:39001").mappings();

        assertThat(m.observe("wan2", A, "127.0.0.32:39001").change()).isEmpty();
        assertThat(m.observe("wan1", B, "127.0.0.31:50000").change()).isEmpty();
        assertThat(m.observe("wan1", A, "127.0.0.99:39001").change()).isPresent();
    }

    @Test
    void publicAddressIsReceivedAndRport() {
        Via via = Via.parse("SIP/2.0/UDP 127.0.0.11:5060;branch=z9hG4bK1;rport=40002;received=127.0.0.31");

        assertThat(NatMappings.publicAddress(via)).contains("127.0.0.31:40002");
    }

    @Test
    void missingPartsComeFromSentBy() {
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;received=203.0.113.7")))
                .contains("203.0.113.7:5060");
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport=40002")))
                .contains("10.0.0.5:40002");
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK1;received=203.0.113.7")))
                .contains("203.0.113.7");
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP [2001:db8::5]:5060;branch=z9hG4bK1;received=2001:db8::7;rport=6000")))
                .contains("[2001:db8::7]:6000");
    }

    @Test
    void nothingIsKnownWithoutReceivedOrAnRportValue() {
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1"))).isEmpty();
        assertThat(NatMappings.publicAddress(Via.parse("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport"))).isEmpty();
    }
}
