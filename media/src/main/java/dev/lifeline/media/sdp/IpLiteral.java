package dev.lifeline.media.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals read from the text alone, never through a resolver. {@link
 * InetAddress#getByName} would take {@code 999.1.1.1} or {@code phone.example.com} for a name
 * and block the calling thread on DNS; a B2BUA reads c= lines on its signalling thread, where
 * a resolver outage would stall every call. The accepted forms are the URI ones: IPv4 as four
 * decimal octets without leading zeros (RFC 3986 §3.2.2 dec-octet), IPv6 as in RFC 4291 §2.2
 * (hex groups, one {@code ::}, an IPv4 tail), without brackets or a zone.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** The address, when {@code text} is an IPv4 literal; empty for anything else. */
    public static Optional<InetAddress> ipv4(String text) {
        byte[] bytes = new byte[4];
        return ipv4Into(text, bytes, 0) ? address(bytes) : Optional.empty();
    }

    /** The address, when {@code text} is an IPv6 literal; empty for anything else. */
    public static Optional<InetAddress> ipv6(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        if (gap < 0) {
            return groups(text, bytes, 16, true) == 16 ? address(bytes) : Optional.empty();
        }
        byte[] head = new byte[16];
        byte[] tail = new byte[16];
        int headLength = gap == 0 ? 0 : groups(text.substring(0, gap), head, 14, false);
        int tailLength = gap + 2 == text.length() ? 0 : groups(text.substring(gap + 2), tail, 14, true);
        if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
            return Optional.empty();       // "::" stands for at least one zero group
        }
        System.arraycopy(head, 0, bytes, 0, headLength);
        System.arraycopy(tail, 0, bytes, 16 - tailLength, tailLength);
        return address(bytes);
    }

    /**
     * Colon-separated hex groups (the last may be dotted IPv4 when {@code ipv4Tail}: only at the
     * very end of an address) written into {@code out}: the number of bytes written, or -1 when
     * malformed or longer than {@code max}.
     */
    private static int groups(String text, byte[] out, int max, boolean ipv4Tail) {
        String[] parts = text.split(":", -1);
        int written = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (ipv4Tail && i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (written + 4 > max || !ipv4Into(part, out, written)) {
                    return -1;
                }
                return written + 4;
            }
            int value = hexGroup(part);
            if (value < 0 || written + 2 > max) {
                return -1;
            }
            out[written] = (byte) (value >> 8);
            out[written + 1] = (byte) value;
            written += 2;
        }
        return written;
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            if (digit < 0 || part.charAt(i) > 'f') {     // Character.digit also takes non-ASCII digits
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static boolean ipv4Into(String text, byte[] out, int at) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return false;
        }
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int value = octet(octets[i]);
            if (value < 0) {
                return false;
            }
            out[at + i] = (byte) value;
        }
        return true;
    }

    private static int octet(String s) {
        if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));   // raw bytes: no name, no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes was refused", e);
        }
    }
}
