package dev.lifeline.drill.netns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IPv4 UDP datagrams out of a classic libpcap file (what {@code tcpdump -w} writes):
 * microsecond or nanosecond timestamps, either byte order, Ethernet (with 802.1Q tags) or
 * Linux cooked (SLL) framing. Everything else in the file (ARP, IPv6, TCP, fragments after the
 * first) is skipped. A record cut short at the end is ignored, so a file still being written
 * can be read. Pure: bytes in, datagrams out; a file that is not a pcap at all is an
 * {@link IllegalArgumentException} saying what its first bytes were.
 *
 * <p>Written here rather than taken from a library: the lab needs twenty lines of framing,
 * and the pcap libraries for Java wrap native libpcap.
 */
public final class PcapReader {

    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_LINUX_SLL = 113;
    /** What {@code tcpdump -i any} writes with libpcap 1.10 and later: protocol first, 20-byte header. */
    static final int LINKTYPE_LINUX_SLL2 = 276;

    private PcapReader() {
    }

    public static List<Datagram> udp(byte[] file) {
        if (file.length < 24) {
            if (file.length == 0) {
                return List.of();   // tcpdump has not written its header yet
            }
            throw new IllegalArgumentException("not a pcap file: " + file.length + " bytes, shorter than a pcap header (24)");
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanos = magic == 0xa1b23c4d;
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new IllegalArgumentException(String.format("not a classic pcap file: magic number %08x "
                        + "(pcapng and other formats are not read here)", b.order(ByteOrder.LITTLE_ENDIAN).getInt(0)));
            }
            nanos = magic == 0xa1b23c4d;
        }
        int linkType = b.getInt(20) & 0x0fffffff;
        if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_LINUX_SLL && linkType != LINKTYPE_LINUX_SLL2) {
            throw new IllegalArgumentException("pcap link type " + linkType
                    + "; expected Ethernet (1) or Linux cooked (113, or 276 v2)");
        }
        List<Datagram> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= file.length) {
            long seconds = b.getInt(at) & 0xffffffffL;
            long fraction = b.getInt(at + 4) & 0xffffffffL;
            int captured = b.getInt(at + 8);
            if (captured < 0 || at + 16 + captured > file.length) {
                break;   // the last record is still being written
            }
            Instant time = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
            datagram(file, at + 16, captured, linkType, time, out);
            at += 16 + captured;
        }
        return List.copyOf(out);
    }

    private static void datagram(byte[] f, int start, int length, int linkType, Instant time, List<Datagram> out) {
        int end = start + length;
        int p;
        int etherType;
        if (linkType == LINKTYPE_ETHERNET) {
            if (length < 14) {
                return;
            }
            p = start + 12;
            etherType = u16(f, p);
            p += 2;
            while ((etherType == 0x8100 || etherType == 0x88a8) && p + 4 <= end) {
                etherType = u16(f, p + 2);
                p += 4;
            }
        } else if (linkType == LINKTYPE_LINUX_SLL2) {
            if (length < 20) {
                return;
            }
            etherType = u16(f, start);
            p = start + 20;
        } else {
            if (length < 16) {
                return;
            }
            etherType = u16(f, start + 14);
            p = start + 16;
        }
        if (etherType != 0x0800 || p + 20 > end) {
            return;
        }
        int ihl = (f[p] & 0x0f) * 4;
        if ((f[p] >> 4 & 0x0f) != 4 || ihl < 20 || f[p + 9] != 17 || (u16(f, p + 6) & 0x1fff) != 0) {
            return;   // not IPv4, not UDP, or a later fragment
        }
        String src = address(f, p + 12);
        String dst = address(f, p + 16);
        int u = p + ihl;
        if (u + 8 > end) {
            return;
        }
        int udpLength = u16(f, u + 4);
        int payloadEnd = Math.min(end, u + Math.max(8, udpLength));
        byte[] payload = java.util.Arrays.copyOfRange(f, u + 8, payloadEnd);
        out.add(new Datagram(time, src, u16(f, u), dst, u16(f, u + 2), payload));
    }

    private static int u16(byte[] f, int i) {
        return (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
    }

    private static String address(byte[] f, int i) {
        return (f[i] & 0xff) + "." + (f[i + 1] & 0xff) + "." + (f[i + 2] & 0xff) + "." + (f[i + 3] & 0xff);
    }
}
