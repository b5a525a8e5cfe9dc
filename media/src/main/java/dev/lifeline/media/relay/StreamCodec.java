package dev.lifeline.media.relay;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.sdp.MediaDescription;
import dev.lifeline.media.sdp.PayloadFormat;
import java.time.Duration;

/**
 * What the quality model needs to know about the codec a stream carries. The relay never
 * looks into payloads; this only rates them.
 *
 * @param packetTime the audio in one packet, which is also the coding delay the E-model counts
 */
public record StreamCodec(String name, int payloadType, int clockRate, CodecImpairment impairment, Duration packetTime) {

    /** PCMU at 20 ms with concealment: what the model assumes until SDP says otherwise. */
    public static final StreamCodec DEFAULT = new StreamCodec("PCMU", 0, 8000, CodecImpairment.G711_PLC, Duration.ofMillis(20));

    public StreamCodec {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        if (packetTime == null || packetTime.isNegative() || packetTime.isZero()) {
            throw new IllegalArgumentException("packet time must be positive, was " + packetTime);
        }
    }

    /**
     * The codec of an answered media section: its first speech format, its ptime (20 ms when
     * absent, RFC 3551 §4.5), and its G.113 impairment where known, else G.711 with PLC.
     */
    public static StreamCodec from(MediaDescription media) {
        Duration ptime = Duration.ofMillis(media.ptime().stream().filter(p -> p > 0).findFirst().orElse(20));
        return media.primaryFormat()
                .map(f -> of(f, ptime))
                .orElse(new StreamCodec(DEFAULT.name, DEFAULT.payloadType, DEFAULT.clockRate, DEFAULT.impairment, ptime));
    }

    private static StreamCodec of(PayloadFormat f, Duration ptime) {
        return new StreamCodec(f.encoding(), f.payloadType(), f.clockRate(),
                f.impairment().orElse(CodecImpairment.G711_PLC), ptime);
    }
}
