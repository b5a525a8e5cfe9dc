package dev.lifeline.sip.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A STUN Binding request or success response (RFC 8489 §5, §6, §14.2, §14.7). Encoding is exact;
 * decoding accepts any well-formed message and reports what it is, never throwing on bad bytes.
 *
 * @param type          {@link #BINDING_REQUEST} or {@link #BINDING_SUCCESS} (other types decode too)
 * @param transactionId 12 bytes
 * @param mapped        XOR-MAPPED-ADDRESS, for a success response: where the server saw the request come from
 */
public record StunMessage(int type, byte[] transactionId, Optional<InetSocketAddress> mapped) {

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER = 20;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int FINGERPRINT = 0x8028;
    static final int FINGERPRINT_XOR = 0x5354554E;

    public StunMessage {
        if (transactionId == null || transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction ID is 12 bytes");
        }
        transactionId = transactionId.clone();
    }

    public static StunMessage request(byte[] transactionId) {
        return new StunMessage(BINDING_REQUEST, transactionId, Optional.empty());
    }

    /** The success response to {@code request} for a client seen at {@code source}. */
    public static StunMessage success(StunMessage request, InetSocketAddress source) {
        return new StunMessage(BINDING_SUCCESS, request.transactionId, Optional.of(source));
    }

    @Override
    public byte[] transactionId() {
        return transactionId.clone();
    }

    /**
     * Whether a datagram is STUN rather than SIP (or anything else): the first two bits zero, the
     * magic cookie in place, and a length that matches the datagram (RFC 8489 §6.3, RFC 7983).
     */
    public static boolean looksLikeStun(byte[] data, int offset, int length) {
        if (length < HEADER || (data[offset] & 0xC0) != 0) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        int bodyLength = b.getShort(offset + 2) & 0xFFFF;
        return b.getInt(offset + 4) == MAGIC_COOKIE && bodyLength % 4 == 0 && HEADER + bodyLength == length;
    }

    public byte[] encode() {
        byte[] address = mapped.map(this::xorAddress).orElse(new byte[0]);
        int attributes = (address.length == 0 ? 0 : 4 + address.length) + 8;
        ByteBuffer b = ByteBuffer.allocate(HEADER + attributes);
        b.putShort((short) type).putShort((short) attributes).putInt(MAGIC_COOKIE).put(transactionId);
        if (address.length > 0) {
            b.putShort((short) XOR_MAPPED_ADDRESS).putShort((short) address.length).put(address);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putShort((short) FINGERPRINT).putShort((short) 4).putInt((int) crc.getValue() ^ FINGERPRINT_XOR);
        return b.array();
    }

    private byte[] xorAddress(InetSocketAddress a) {
        byte[] ip = a.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length);
        b.put((byte) 0).put((byte) (ip.length == 4 ? 1 : 2)).putShort((short) (a.getPort() ^ (MAGIC_COOKIE >>> 16)));
        byte[] key = xorKey();
        for (int i = 0; i < ip.length; i++) {
            b.put((byte) (ip[i] ^ key[i]));
        }
        return b.array();
    }

    /** The magic cookie followed by the transaction ID: what an address is XORed with. */
    private byte[] xorKey() {
        return ByteBuffer.allocate(16).putInt(MAGIC_COOKIE).put(transactionId).array();
    }

    /**
     * The message in {@code data}, or empty when it is not well-formed STUN: a wrong cookie or
     * length, a truncated attribute, or a FINGERPRINT that does not match.
     */
    public static Optional<StunMessage> decode(byte[] data, int offset, int length) {
        if (!looksLikeStun(data, offset, length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice();
        int type = b.getShort(0) & 0xFFFF;
        byte[] tid = Arrays.copyOfRange(data, offset + 8, offset + HEADER);
        StunMessage shell = new StunMessage(type, tid, Optional.empty());
        Optional<InetSocketAddress> mapped = Optional.empty();
        int at = HEADER;
        while (at < length) {
            if (at + 4 > length) {
                return Optional.empty();
            }
            int attr = b.getShort(at) & 0xFFFF;
            int len = b.getShort(at + 2) & 0xFFFF;
            int padded = (len + 3) & ~3;
            if (at + 4 + padded > length) {
                return Optional.empty();
            }
            if (attr == XOR_MAPPED_ADDRESS) {
                mapped = shell.address(data, offset + at + 4, len);
            } else if (attr == FINGERPRINT) {
                CRC32 crc = new CRC32();
                crc.update(data, offset, at);
                if (len != 4 || ((int) crc.getValue() ^ FINGERPRINT_XOR) != b.getInt(at + 4)) {
                    return Optional.empty();
                }
            }
            at += 4 + padded;
        }
        return Optional.of(new StunMessage(type, tid, mapped));
    }

    private Optional<InetSocketAddress> address(byte[] data, int at, int len) {
        int family = data[at + 1];
        int ipLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (ipLength < 0 || len != 4 + ipLength) {
            return Optional.empty();
        }
        int port = (((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
        byte[] key = xorKey();
        byte[] ip = new byte[ipLength];
        for (int i = 0; i < ipLength; i++) {
            ip[i] = (byte) (data[at + 4 + i] ^ key[i]);
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m && m.type == type && Arrays.equals(m.transactionId, transactionId)
                && m.mapped.equals(mapped);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + Arrays.hashCode(transactionId)) + mapped.hashCode();
    }
}
