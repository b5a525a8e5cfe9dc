package dev.lifeline.gateway.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit mono PCM WAV files: the tone baresip plays, and a reader for what it recorded. */
final class Wav {

    private static final int HEADER = 44;

    private Wav() {
    }

    /**
     * Writes {@code seconds} of a two-tone signal (440 Hz + 1 kHz, about -12 dBFS) at 8 kHz,
     * switched on and off every 250 ms so it sounds like speech bursts rather than a dial tone.
     */
    static void writeTone(Path file, int seconds) throws IOException {
        int rate = 8000;
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            boolean on = (i / (rate / 4)) % 4 != 3;   // 750 ms on, 250 ms off
            double v = on ? 4000 * Math.sin(2 * Math.PI * 440 * t) + 4000 * Math.sin(2 * Math.PI * 1000 * t) : 0;
            b.putShort((short) Math.round(v));
        }
        Files.write(file, b.array());
    }

    /**
     * The number of samples louder than -30 dBFS in a 16-bit PCM WAV file. Reads up to the end
     * of the file, not the header's data length, which a recorder fills in only when it closes.
     */
    static long loudSamples(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long loud = 0;
        for (int i = HEADER; i + 1 < bytes.length; i += 2) {
            loud += Math.abs(b.getShort(i)) > 1000 ? 1 : 0;
        }
        return loud;
    }
}
