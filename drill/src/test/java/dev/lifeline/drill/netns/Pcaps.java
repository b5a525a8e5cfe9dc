package dev.lifeline.drill.netns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds small pcap files byte by byte, as tcpdump writes them, for the reader's tests. */
final class Pcaps {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;

    Pcaps(ByteOrder order, boolean nanos, int linkType) {
        this.order = order;
        this.nanos = nanos;
        this.linkType = linkType;
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.writeBytes(h.array());
    }

    static Pcaps ethernet() {
        return new Pcaps(ByteOrder.LITTLE_ENDIAN, false, PcapReader.LINKTYPE_ETHERNET);
    }

    /** A UDP datagram from src:sport to dst:dport carrying {@code text}; {@code vlan} adds an 802.1Q tag. */
    Pcaps udp(Instant at, String src, int sport, String dst, int dport, String text, boolean vlan) {
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer ip = ByteBuffer.allocate(28 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 1).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(addr(src)).put(addr(dst))
                .putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        if (linkType == PcapReader.LINKTYPE_ETHERNET) {
            frame.writeBytes(new byte[12]);
            if (vlan) {
                frame.writeBytes(new byte[] {(byte) 0x81, 0, 0, 7});
            }
            frame.writeBytes(new byte[] {8, 0});
        } else if (linkType == PcapReader.LINKTYPE_LINUX_SLL2) {
            frame.writeBytes(new byte[] {8, 0});
            frame.writeBytes(new byte[18]);
        } else {
            frame.writeBytes(new byte[14]);
            frame.writeBytes(new byte[] {8, 0});
        }
        frame.writeBytes(ip.array());
        return record(at, frame.toByteArray());
    }

    Pcaps record(Instant at, byte[] frame) {
        ByteBuffer r = ByteBuffer.allocate(16).order(order);
        r.putInt((int) at.getEpochSecond()).putInt(nanos ? at.getNano() : at.getNano() / 1000).putInt(frame.length)
                .putInt(frame.length);
        out.writeBytes(r.array());
        out.writeBytes(frame);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static byte[] addr(String dotted) {
        String[] p = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]), (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])};
    }

    static String request(String method, int cseq) {
        return method + " sip:provider.test SIP/2.0\r\nVia: SIP/2.0/UDP 10.201.2.2:5060;branch=z9hG4bK1;rport\r\n"
                + "CSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    static String response(int status, String reason, String method) {
        return "SIP/2.0 " + status + " " + reason + "\r\nVia: SIP/2.0/UDP 10.201.2.2:5060;branch=z9hG4bK1;rport\r\n"
                + "CSeq: 7 " + method + "\r\nContent-Length: 0\r\n\r\n";
    }
}
