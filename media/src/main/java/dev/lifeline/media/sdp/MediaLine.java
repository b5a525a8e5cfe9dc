package dev.lifeline.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The {@code m=} line (RFC 8866 §5.14): media type, port, optional port count, transport
 * protocol and formats (RTP payload types for {@code RTP/AVP}). Port 0 marks a stream that was
 * rejected or removed (RFC 3264 §6, §8.2).
 *
 * @param portCount the {@code /n} after the port, 1 when absent
 */
public record MediaLine(String media, int port, int portCount, String proto, List<String> formats) {

    public MediaLine {
        formats = List.copyOf(formats);
    }

    public static Optional<MediaLine> parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length < 4) {
            return Optional.empty();
        }
        String[] port = f[1].split("/", -1);
        if (port.length > 2 || !isNumber(port[0], 65535) || (port.length == 2 && !isNumber(port[1], 65535))) {
            return Optional.empty();
        }
        int count = port.length == 2 ? Integer.parseInt(port[1]) : 1;
        return Optional.of(new MediaLine(f[0], Integer.parseInt(port[0]), count, f[2],
                List.of(f).subList(3, f.length)));
    }

    /** True when the formats are RTP payload types (RTP/AVP, RTP/SAVP, RTP/AVPF…). */
    public boolean isRtp() {
        return proto.toUpperCase(java.util.Locale.ROOT).startsWith("RTP/");
    }

    public boolean isDisabled() {
        return port == 0;
    }

    public MediaLine withPort(int newPort) {
        return new MediaLine(media, newPort, portCount, proto, formats);
    }

    public String value() {
        return media + " " + port + (portCount != 1 ? "/" + portCount : "") + " " + proto + " " + String.join(" ", formats);
    }

    static boolean isNumber(String s, int max) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(s) <= max;
    }
}
