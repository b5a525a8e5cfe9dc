package dev.lifeline.drill.lab.wan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The capture read back block by block, as a pcapng reader would. */
class PcapWriterTest {

    private static final InetSocketAddress NAT = new InetSocketAddress("127.0.0.31", 40000);
    private static final InetSocketAddress PROVIDER = new InetSocketAddress("127.0.0.41", 5060);

    /** One pcapng block: type and body. */
    private record Block(int type, ByteBuffer body) {
    }

    private static List<Block> blocks(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.nativeOrder());
        List<Block> out = new ArrayList<>();
        while (b.remaining() > 0) {
            int start = b.position();
            int type = b.getInt();
            int total = b.getInt();
            assertThat(total % 4).as("blocks are 32-bit aligned").isZero();
            assertThat(b.getInt(start + total - 4)).as("trailing length").isEqualTo(total);
            ByteBuffer body = ByteBuffer.wrap(file, start + 8, total - 12).slice().order(ByteOrder.nativeOrder());
            out.add(new Block(type, body));
            b.position(start + total);
        }
        return out;
    }

    @Test
    void eachPacketIsAnIpv4UdpDatagramOnTheWanSideStampedWhenItArrived() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Instant at = Instant.parse("2026-03-01T09:00:00.123456Z");
        byte[] register = "REGISTER sip:provider.lab SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (PcapWriter w = PcapWriter.to(file, "wan1")) {
            w.accept(new WanPacket(at, Direction.UPSTREAM, NAT, PROVIDER, new InetSocketAddress("127.0.0.11", 5060),
                    register, Optional.empty()));
            w.accept(new WanPacket(at.plusMillis(20), Direction.DOWNSTREAM, PROVIDER, NAT,
                    new InetSocketAddress("127.0.0.11", 5060), new byte[] {1, 2, 3}, Optional.of(DropReason.RANDOM_LOSS)));
        }

        List<Block> blocks = blocks(file.toByteArray());

        assertThat(blocks).extracting(Block::type).containsExactly(0x0A0D0D0A, 1, 6, 6);
        assertThat(blocks.get(0).body().getInt(0)).isEqualTo(0x1A2B3C4D);
        assertThat(blocks.get(1).body().getShort(0)).isEqualTo((short) PcapWriter.LINKTYPE_RAW);
        ByteBuffer epb = blocks.get(2).body();
        long micros = ((long) epb.getInt(4) << 32) | (epb.getInt(8) & 0xFFFFFFFFL);
        assertThat(micros).isEqualTo(at.getEpochSecond() * 1_000_000L + 123_456);
        int length = epb.getInt(12);
        assertThat(length).isEqualTo(20 + 8 + register.length).isEqualTo(epb.getInt(16));
        ByteBuffer ip = ByteBuffer.wrap(epb.array(), epb.arrayOffset() + 20, length).slice();
        assertThat(ip.get(0)).isEqualTo((byte) 0x45);
        assertThat(ip.get(9)).as("UDP").isEqualTo((byte) 17);
        assertThat(checksum(ip)).as("header checksum verifies").isZero();
        assertThat(new byte[] {ip.get(12), ip.get(13), ip.get(14), ip.get(15)}).containsExactly(127, 0, 0, 31);
        assertThat(new byte[] {ip.get(16), ip.get(17), ip.get(18), ip.get(19)}).containsExactly(127, 0, 0, 41);
        assertThat(ip.getShort(20) & 0xFFFF).isEqualTo(40000);
        assertThat(ip.getShort(22) & 0xFFFF).isEqualTo(5060);
        assertThat(new String(ip.array(), ip.arrayOffset() + 28, register.length, StandardCharsets.US_ASCII))
                .startsWith("REGISTER sip:provider.lab");
        String dropped = new String(blocks.get(3).body().array(), StandardCharsets.US_ASCII);
        assertThat(dropped).contains("dropped RANDOM_LOSS");
        assertThat(blocks.get(2).body().remaining()).as("a delivered packet has no comment").isEqualTo(20 + ((length + 3) & ~3));
    }

    @Test
    void packetsAfterCloseAreNotWritten() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PcapWriter w = PcapWriter.to(file, "wan2");
        w.close();
        int size = file.size();

        w.accept(new WanPacket(Instant.EPOCH, Direction.UPSTREAM, NAT, PROVIDER, NAT, new byte[8], Optional.empty()));

        assertThat(file.size()).isEqualTo(size);
    }

    private static int checksum(ByteBuffer ip) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ip.getShort(i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
