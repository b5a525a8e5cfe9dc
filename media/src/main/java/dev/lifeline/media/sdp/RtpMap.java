package dev.lifeline.media.sdp;

import java.util.Optional;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * (RFC 8866 §6.6).
 *
 * @param parameters for audio the channel count, empty when absent
 */
public record RtpMap(int payloadType, String encoding, int clockRate, String parameters) {

    public static Optional<RtpMap> parse(String attributeValue) {
        int space = attributeValue.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String pt = attributeValue.substring(0, space);
        String[] enc = attributeValue.substring(space + 1).trim().split("/", 3);
        if (!MediaLine.isNumber(pt, 127) || enc.length < 2 || enc[0].isEmpty() || !MediaLine.isNumber(enc[1], 10_000_000)) {
            return Optional.empty();
        }
        return Optional.of(new RtpMap(Integer.parseInt(pt), enc[0], Integer.parseInt(enc[1]), enc.length == 3 ? enc[2] : ""));
    }
}
