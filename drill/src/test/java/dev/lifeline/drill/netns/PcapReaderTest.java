package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapReaderTest {

    private static final Instant T = Instant.parse("2026-12-06T20:00:00.123456Z");

    @Test
    void readsUdpDatagramsWithTheirTimestampsAddressesAndPayload() {
        byte[] file = Pcaps.ethernet()
                .udp(T, "10.201.2.2", 5060, "198.18.0.10", 5060, Pcaps.request("REGISTER", 1), false)
                .udp(T.plusMillis(5), "198.18.0.10", 5060, "10.201.2.2", 5060, Pcaps.response(200, "OK", "REGISTER"), true)
                .bytes();

        List<Datagram> d = PcapReader.udp(file);

        assertThat(d).hasSize(2);
        assertThat(d.get(0).at()).isEqualTo(T);
        assertThat(d.get(0).source()).isEqualTo("10.201.2.2");
        assertThat(d.get(0).destination()).isEqualTo("198.18.0.10");
        assertThat(d.get(0).destinationPort()).isEqualTo(5060);
        assertThat(d.get(0).sipMethod()).contains("REGISTER");
        assertThat(d.get(1).at()).isEqualTo(T.plusMillis(5));
        assertThat(d.get(1).isRegisterOk()).as("802.1Q-tagged frame read too").isTrue();
    }

    @Test
    void bigEndianNanosecondFilesAndLinuxCookedFramesAreRead() {
        Instant t = Instant.parse("2026-12-06T20:00:00.123456789Z");
        byte[] big = new Pcaps(ByteOrder.BIG_ENDIAN, true, PcapReader.LINKTYPE_ETHERNET)
                .udp(t, "1.2.3.4", 1, "5.6.7.8", 2, "x", false).bytes();
        byte[] sll = new Pcaps(ByteOrder.LITTLE_ENDIAN, false, PcapReader.LINKTYPE_LINUX_SLL)
                .udp(T, "1.2.3.4", 1, "5.6.7.8", 2, "y", false).bytes();

        assertThat(PcapReader.udp(big)).singleElement().satisfies(d -> assertThat(d.at()).isEqualTo(t));
        assertThat(PcapReader.udp(sll)).singleElement().satisfies(d -> assertThat(d.payload()).containsExactly('y'));
    }

    @Test
    void linuxCookedV2FramesFromTcpdumpOnAnyInterfaceAreRead() {
        byte[] sll2 = new Pcaps(ByteOrder.LITTLE_ENDIAN, false, PcapReader.LINKTYPE_LINUX_SLL2)
                .udp(T, "100.64.1.2", 5060, "198.18.0.10", 5060, "z", false).bytes();

        assertThat(PcapReader.udp(sll2)).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo("100.64.1.2");
            assertThat(d.destinationPort()).isEqualTo(5060);
            assertThat(d.payload()).containsExactly('z');
        });
    }

    @Test
    void aRecordStillBeingWrittenIsLeftForLater() {
        byte[] whole = Pcaps.ethernet().udp(T, "1.2.3.4", 1, "5.6.7.8", 2, "first", false)
                .udp(T, "1.2.3.4", 1, "5.6.7.8", 2, "second", false).bytes();

        for (int cut = whole.length - 1; cut > whole.length - 40; cut--) {
            assertThat(PcapReader.udp(Arrays.copyOf(whole, cut))).hasSize(1);
        }
        assertThat(PcapReader.udp(new byte[0])).as("tcpdump has not written its header yet").isEmpty();
    }

    @Test
    void nonUdpFramesAreSkipped() {
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        byte[] file = Pcaps.ethernet().record(T, arp).udp(T, "1.2.3.4", 1, "5.6.7.8", 2, "z", false).bytes();

        assertThat(PcapReader.udp(file)).hasSize(1);
    }

    @Test
    void aFileThatIsNotAClassicPcapIsRefusedWithItsMagicNumber() {
        byte[] pcapng = new byte[28];
        pcapng[0] = 0x0a;
        pcapng[1] = 0x0d;
        pcapng[2] = 0x0d;
        pcapng[3] = 0x0a;

        assertThatThrownBy(() -> PcapReader.udp(pcapng)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0a0d0d0a").hasMessageContaining("pcapng");
    }
}
