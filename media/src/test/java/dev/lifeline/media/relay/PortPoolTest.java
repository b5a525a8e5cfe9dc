package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PortPoolTest {

    private static final InetAddress LAN = InetAddress.getLoopbackAddress();

    @Test
    void rtpPortsAreEvenEvenWhenTheRangeStartsOdd() {
        PortRange range = new PortRange(20001, 20010);

        assertThat(range.pairs()).isEqualTo(4);
        assertThat(range.rtpPort(0)).isEqualTo(20002);
        assertThat(range.rtpPort(3)).isEqualTo(20008);
    }

    @Test
    void aRangeWithoutAPairIsRefused() {
        assertThatThrownBy(() -> new PortRange(20001, 20002)).hasMessageContaining("no even/odd pair");
        assertThatThrownBy(() -> new PortRange(80, 100)).hasMessageContaining("1024-65535");
    }

    @Test
    void aReleasedPairIsNotHandedOutAgainAtOnce() {
        PortPool pool = new PortPool(new PortRange(20000, 20005));
        int first = pool.reserve(LAN, new BitSet()).orElseThrow();
        pool.release(LAN, first);

        assertThat(pool.reserve(LAN, new BitSet()).orElseThrow()).isEqualTo(20002);
        assertThat(pool.reserve(LAN, new BitSet()).orElseThrow()).isEqualTo(20004);
        assertThat(pool.reserve(LAN, new BitSet()).orElseThrow()).isEqualTo(20000);
        assertThat(pool.reserve(LAN, new BitSet())).isEmpty();
        assertThat(pool.inUse(LAN)).isEqualTo(3);
    }

    @Test
    void eachLocalAddressHasTheWholeRange() throws Exception {
        PortPool pool = new PortPool(new PortRange(20000, 20001));
        pool.reserve(LAN, new BitSet()).orElseThrow();

        assertThat(pool.reserve(InetAddress.getByName("127.0.0.2"), new BitSet())).hasValue(20000);
    }
}
