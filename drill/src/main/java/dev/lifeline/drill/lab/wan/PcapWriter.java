package dev.lifeline.drill.lab.wan;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes what one emulator's packet listener sees as a pcapng capture (the format Wireshark and
 * tcpdump read): one section, one interface of raw IP (LINKTYPE_RAW), and per UDP packet an
 * enhanced packet block stamped when it reached the emulator, with an IPv4 and UDP header made
 * up from its WAN-side addresses (the NAT's public side: what a capture on the site's uplink
 * shows). A packet the emulator dropped is kept, with a comment saying why ("dropped
 * RANDOM_LOSS"), so that a capture shows both what was sent and what the fault took.
 *
 * <p>Attach with {@code wan.onPacket(writer)}; it writes on the emulator's event loop into a
 * buffer, so a capture costs the loop a copy per packet and, now and then, a write to disk.
 * Written here because pcapng is a few fixed blocks (draft-ietf-opsawg-pcapng) and no library
 * on the build's classpath writes it. IPv6 addresses are not written (the lab runs on IPv4).
 */
public final class PcapWriter implements Consumer<WanPacket>, AutoCloseable {

    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 0x00000001;
    private static final int ENHANCED_PACKET = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** LINKTYPE_RAW: each packet starts with its IP header. */
    static final int LINKTYPE_RAW = 101;
    private static final short OPT_END = 0;
    private static final short OPT_COMMENT = 1;
    private static final short IF_NAME = 2;

    private final OutputStream out;
    private final String name;
    private boolean closed;
    private int ipId;

    private PcapWriter(OutputStream out, String name) throws IOException {
        this.out = out;
        this.name = name;
        writeHeader();
    }

    /** A capture of interface {@code name} (e.g. the path's) written to {@code file}, replacing it. */
    public static PcapWriter open(Path file, String name) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), name);
    }

    /** A capture written to {@code out} (tests). */
    static PcapWriter to(OutputStream out, String name) throws IOException {
        return new PcapWriter(out, name);
    }

    private void writeHeader() throws IOException {
        // Section header block: byte-order magic, version 1.0, section length unknown (-1).
        ByteBuffer shb = block(SECTION_HEADER, 16);
        shb.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        write(shb);
        byte[] ifName = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer idb = block(INTERFACE_DESCRIPTION, 8 + option(ifName.length) + 4);
        idb.putShort((short) LINKTYPE_RAW).putShort((short) 0).putInt(0);    // snap length: no limit
        putOption(idb, IF_NAME, ifName);
        idb.putShort(OPT_END).putShort((short) 0);
        write(idb);
    }

    @Override
    public synchronized void accept(WanPacket packet) {
        if (closed || !(packet.from().getAddress() instanceof Inet4Address)
                || !(packet.to().getAddress() instanceof Inet4Address)) {
            return;
        }
        byte[] ip = ipv4Udp(packet.from(), packet.to(), packet.data(), ipId++);
        byte[] comment = packet.dropped().map(r -> ("dropped " + r.name()).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        int options = comment == null ? 0 : option(comment.length) + 4;
        ByteBuffer epb = block(ENHANCED_PACKET, 20 + padded(ip.length) + options);
        long micros = packet.at().getEpochSecond() * 1_000_000L + packet.at().getNano() / 1_000;
        epb.putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros).putInt(ip.length).putInt(ip.length);
        epb.put(ip).put(new byte[padded(ip.length) - ip.length]);
        if (comment != null) {
            putOption(epb, OPT_COMMENT, comment);
            epb.putShort(OPT_END).putShort((short) 0);
        }
        try {
            write(epb);
        } catch (IOException e) {
            closed = true;      // a capture that cannot be written stops; the drill goes on
            throw new UncheckedIOException("capture " + name + " could not be written: " + e.getMessage(), e);
        }
    }

    /** An IPv4 header (TTL 64, checksum computed) and a UDP header (checksum 0: none) before the payload. */
    static byte[] ipv4Udp(InetSocketAddress from, InetSocketAddress to, byte[] payload, int id) {
        int total = 20 + 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) id).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(from.getAddress().getAddress()).put(to.getAddress().getAddress());
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((b.get(i) & 0xFF) << 8) | (b.get(i + 1) & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        b.putShort(10, (short) ~sum);
        b.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) (8 + payload.length))
                .putShort((short) 0).put(payload);
        return b.array();
    }

    /** A block of {@code body} bytes: type, total length, body, total length again. */
    private static ByteBuffer block(int type, int body) {
        int total = 12 + body;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.nativeOrder());
        b.putInt(type).putInt(total);
        b.putInt(total - 4, total);
        return b;
    }

    private static int option(int length) {
        return 4 + padded(length);
    }

    private static void putOption(ByteBuffer b, short code, byte[] value) {
        b.putShort(code).putShort((short) value.length).put(value).put(new byte[padded(value.length) - value.length]);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private void write(ByteBuffer b) throws IOException {
        out.write(b.array());
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
    }
}
