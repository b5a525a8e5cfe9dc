package dev.lifeline.drill.lab.wan;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One UDP packet as the emulator's WAN side saw it, and what became of it: what a capture on the
 * site's uplink would show, plus the NAT's inside address and the emulator's verdict.
 *
 * @param at        when the packet reached the emulator, on its clock
 * @param direction upstream (site → provider) or downstream
 * @param from      the sender as seen on the WAN: the NAT's public mapping for upstream, the
 *                  provider's address for downstream
 * @param to        the recipient as seen on the WAN
 * @param inside    the site's address behind the NAT (the gateway's source, or where a downstream
 *                  packet is for)
 * @param data      the UDP payload (a copy: {@link WanEmulator#onPacket listeners} own it)
 * @param dropped   why the emulator dropped it; empty when it was delivered
 */
public record WanPacket(Instant at, Direction direction, InetSocketAddress from, InetSocketAddress to,
                        InetSocketAddress inside, byte[] data, Optional<DropReason> dropped) {

    /** Whether the payload looks like RTP (version 2, a 12-byte header, not RTCP: RFC 5761 §4). */
    public boolean isRtp() {
        if (data.length < 12 || (data[0] & 0xC0) != 0x80) {
            return false;
        }
        int type = data[1] & 0xFF;
        return type < 200 || type > 204;
    }

    /** The RTP sequence number; only meaningful when {@link #isRtp()}. */
    public int rtpSequence() {
        return ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    }

    /** The RTP SSRC; only meaningful when {@link #isRtp()}. */
    public long rtpSsrc() {
        return ((data[8] & 0xFFL) << 24) | ((data[9] & 0xFFL) << 16) | ((data[10] & 0xFFL) << 8) | (data[11] & 0xFFL);
    }

    /**
     * The SIP request method when the payload starts with a request line ({@code INVITE sip:…}),
     * else empty (responses, RTP, keepalives).
     */
    public Optional<String> sipMethod() {
        int n = Math.min(data.length, 32);
        int space = -1;
        for (int i = 0; i < n; i++) {
            byte b = data[i];
            if (b == ' ') {
                space = i;
                break;
            }
            if (b < 'A' || b > 'Z') {
                return Optional.empty();
            }
        }
        if (space <= 0 || data.length < space + 5) {
            return Optional.empty();
        }
        String uri = new String(data, space + 1, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return uri.startsWith("sip:") || uri.startsWith("sips") ? Optional.of(
                new String(data, 0, space, java.nio.charset.StandardCharsets.US_ASCII)) : Optional.empty();
    }

    /** The SIP response status when the payload starts with a status line, else empty. */
    public Optional<Integer> sipStatus() {
        if (data.length < 12 || data[0] != 'S' || data[1] != 'I' || data[2] != 'P' || data[3] != '/') {
            return Optional.empty();
        }
        String line = new String(data, 0, Math.min(data.length, 16), java.nio.charset.StandardCharsets.US_ASCII);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^SIP/2\\.0 (\\d{3})").matcher(line);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    @Override
    public String toString() {
        return at + " " + direction + " " + from + " -> " + to + " (" + inside + ") " + data.length + " B"
                + dropped.map(r -> " dropped " + r).orElse("");
    }
}
