package dev.lifeline.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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
    void everyPairIsHandedOutOnceUntilTheRangeIsExhausted() {
        PortRange range = new PortRange(20000, 20199);
        PortPool pool = new PortPool(range, new SplittableRandom(1));

        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < range.pairs(); i++) {
            int port = pool.reserve(LAN, new BitSet()).orElseThrow();
            assertThat(port % 2).isZero();
            assertThat(port).isBetween(20000, 20198);
            ports.add(port);
        }

        assertThat(ports).hasSize(range.pairs());
        assertThat(pool.reserve(LAN, new BitSet())).isEmpty();
        assertThat(pool.inUse(LAN)).isEqualTo(range.pairs());
    }

    @Test
    void pairsAreNotHandedOutInOrder() {
        PortPool pool = new PortPool(new PortRange(20000, 29999), new SplittableRandom(7));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ports.add(pool.reserve(LAN, new BitSet()).orElseThrow());
        }

        // Twenty pairs of 5000 drawn in order, or even mostly neighbours, would let one call's
        // SDP tell an attacker where the next one's media will be.
        long neighbours = 0;
        for (int i = 1; i < ports.size(); i++) {
            neighbours += Math.abs(ports.get(i) - ports.get(i - 1)) == 2 ? 1 : 0;
        }
        assertThat(neighbours).isLessThanOrEqualTo(1);
        assertThat(ports.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - ports.stream().mapToInt(Integer::intValue).min().orElseThrow()).isGreaterThan(2_000);
    }

    @Test
    void theFirstPairOfAFreshRelayIsSpreadOverTheRange() {
        Set<Integer> firsts = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            firsts.add(new PortPool(new PortRange(20000, 20199), new SplittableRandom(seed)).reserve(LAN, new BitSet())
                    .orElseThrow());
        }

        assertThat(firsts).hasSizeGreaterThan(50);   // of 100 pairs; in-order allocation gives 1
    }

    @Test
    void aReleasedPairIsNotHandedOutAgainWhileOthersAreFree() {
        PortPool pool = new PortPool(new PortRange(20000, 20005), new SplittableRandom(3));
        int first = pool.reserve(LAN, new BitSet()).orElseThrow();
        pool.release(LAN, first);

        Set<Integer> next = Set.of(pool.reserve(LAN, new BitSet()).orElseThrow(), pool.reserve(LAN, new BitSet()).orElseThrow());
        assertThat(next).doesNotContain(first).hasSize(2);
        assertThat(pool.reserve(LAN, new BitSet())).hasValue(first);   // the last one left
        assertThat(pool.reserve(LAN, new BitSet())).isEmpty();
        assertThat(pool.inUse(LAN)).isEqualTo(3);
    }

    @Test
    void triedPairsAreSkipped() {
        PortRange range = new PortRange(20000, 20005);
        PortPool pool = new PortPool(range, new SplittableRandom(5));
        BitSet tried = new BitSet();
        tried.set(range.index(20000));
        tried.set(range.index(20004));

        assertThat(pool.reserve(LAN, tried)).hasValue(20002);
        assertThat(pool.reserve(LAN, tried)).isEmpty();
    }

    @Test
    void eachLocalAddressHasTheWholeRange() throws Exception {
        PortPool pool = new PortPool(new PortRange(20000, 20001), new SplittableRandom(1));
        pool.reserve(LAN, new BitSet()).orElseThrow();

        assertThat(pool.reserve(InetAddress.getByName("127.0.0.2"), new BitSet())).hasValue(20000);
    }
}
