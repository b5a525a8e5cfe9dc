package dev.lifeline.gateway.qos;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Voice codecs with a constant bit rate, so the bandwidth of a call follows from the
 * packetisation alone. Variable-rate codecs (Opus) are left out: their rate is whatever the
 * endpoints negotiate and the speech makes it.
 *
 * @param bitsPerSecond the codec's payload rate
 * @param frameMs the codec's frame; a packet carries a whole number of frames
 */
public enum VoiceCodec {
    G711("G.711", 64_000, 1, "pcmu", "pcma", "g711"),
    G722("G.722", 64_000, 1, "g722"),
    G729("G.729", 8_000, 10, "g729"),
    GSM("GSM 06.10", 13_200, 20, "gsm");

    private final String label;
    private final int bitsPerSecond;
    private final int frameMs;
    private final String[] names;

    VoiceCodec(String label, int bitsPerSecond, int frameMs, String... names) {
        this.label = label;
        this.bitsPerSecond = bitsPerSecond;
        this.frameMs = frameMs;
        this.names = names;
    }

    public String label() {
        return label;
    }

    public int bitsPerSecond() {
        return bitsPerSecond;
    }

    public int frameMs() {
        return frameMs;
    }

    /** RTP payload bytes of one packet carrying {@code ptimeMs} of speech. */
    public int payloadBytes(int ptimeMs) {
        return bitsPerSecond / 8 * ptimeMs / 1000;
    }

    /** By a name as SDP or an engineer writes it: pcmu, pcma, g711, g.711, g722, g729, gsm. */
    public static VoiceCodec byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace(".", "");
        for (VoiceCodec c : values()) {
            if (Arrays.asList(c.names).contains(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a codec the plan knows; expected one of "
                + Arrays.stream(values()).flatMap(c -> Arrays.stream(c.names)).collect(Collectors.joining(", ")));
    }
}
