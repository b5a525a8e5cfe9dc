package dev.lifeline.media.sdp;

import dev.lifeline.media.quality.CodecImpairment;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An RTP payload format offered on an {@code m=} line: from its {@code a=rtpmap}, or for a
 * static payload type without one, from the RFC 3551 §6 table.
 *
 * @param channels 1 unless the rtpmap says otherwise
 */
public record PayloadFormat(int payloadType, String encoding, int clockRate, int channels) {

    /** Static audio payload types of RFC 3551 Table 4 that phones still send without rtpmap. */
    private static final Map<Integer, PayloadFormat> STATIC = Map.of(
            0, new PayloadFormat(0, "PCMU", 8000, 1),
            3, new PayloadFormat(3, "GSM", 8000, 1),
            4, new PayloadFormat(4, "G723", 8000, 1),
            8, new PayloadFormat(8, "PCMA", 8000, 1),
            9, new PayloadFormat(9, "G722", 8000, 1),
            13, new PayloadFormat(13, "CN", 8000, 1),
            18, new PayloadFormat(18, "G729", 8000, 1));

    static Optional<PayloadFormat> staticFormat(int payloadType) {
        return Optional.ofNullable(STATIC.get(payloadType));
    }

    static PayloadFormat of(RtpMap map) {
        int channels = MediaLine.isNumber(map.parameters(), 255) ? Integer.parseInt(map.parameters()) : 1;
        return new PayloadFormat(map.payloadType(), map.encoding(), map.clockRate(), channels);
    }

    public boolean isPcmu() {
        return "PCMU".equalsIgnoreCase(encoding);
    }

    public boolean isPcma() {
        return "PCMA".equalsIgnoreCase(encoding);
    }

    public boolean isG711() {
        return isPcmu() || isPcma();
    }

    /**
     * True for formats that carry no speech of their own (DTMF events, comfort noise,
     * redundancy, FEC): they ride along with the codec, they are not the codec.
     */
    public boolean isAuxiliary() {
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "telephone-event", "cn", "red", "ulpfec", "rtx" -> true;
            default -> false;
        };
    }

    /**
     * The E-model impairment for this format where G.113 has one. G.711 is taken as running
     * packet-loss concealment, as every current phone does.
     */
    public Optional<CodecImpairment> impairment() {
        if (isG711()) {
            return Optional.of(CodecImpairment.G711_PLC);
        }
        return switch (encoding.toUpperCase(Locale.ROOT)) {
            case "G729" -> Optional.of(CodecImpairment.G729A_VAD);
            case "G723" -> Optional.of(CodecImpairment.G723_1_VAD);
            default -> Optional.empty();
        };
    }
}
