package dev.lifeline.gateway.qos;

import java.util.Objects;

/**
 * A codec at a packetisation ({@code a=ptime}), written {@code g711/20ms} or {@code g729}
 * (20 ms when no ptime is given, the common default of phones and providers).
 */
public record CodecUse(VoiceCodec codec, int ptimeMs) {

    public static final int DEFAULT_PTIME_MS = 20;

    public CodecUse {
        Objects.requireNonNull(codec, "codec");
        if (ptimeMs < 10 || ptimeMs > 120 || ptimeMs % codec.frameMs() != 0) {
            throw new IllegalArgumentException(codec.label() + " packetisation must be 10-120 ms in whole "
                    + codec.frameMs() + " ms frames, was " + ptimeMs + " ms");
        }
    }

    public static CodecUse parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        VoiceCodec codec = VoiceCodec.byName(slash < 0 ? t : t.substring(0, slash));
        if (slash < 0) {
            return new CodecUse(codec, DEFAULT_PTIME_MS);
        }
        String ptime = t.substring(slash + 1).strip();
        if (!ptime.matches("\\d{1,3}ms")) {
            throw new IllegalArgumentException("'" + text + "': the packetisation after '/' is a number of milliseconds, e.g. g711/20ms");
        }
        return new CodecUse(codec, Integer.parseInt(ptime.substring(0, ptime.length() - 2)));
    }

    @Override
    public String toString() {
        return codec.label() + " " + ptimeMs + " ms";
    }
}
