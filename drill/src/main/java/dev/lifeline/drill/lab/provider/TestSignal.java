package dev.lifeline.drill.lab.provider;

import dev.lifeline.media.codec.G711;
import java.nio.ByteBuffer;

/**
 * The provider's test signal: a 1004 Hz tone (the ITU-T O.6 test frequency, chosen because it is
 * not a sub-multiple of 8000 Hz so every sample point differs) at -20 dBFS, G.711 µ-law, 20 ms per
 * packet. Packet {@code n} is a pure function of {@code n}, so a receiver can check what it got.
 */
public final class TestSignal {

    public static final double FREQUENCY_HZ = 1004;
    public static final int SAMPLE_RATE = 8000;
    public static final int SAMPLES_PER_PACKET = 160;
    public static final int PAYLOAD_TYPE_PCMU = 0;
    /** -20 dBFS peak: loud enough to measure, quiet enough not to clip through a gateway's gain. */
    private static final double AMPLITUDE = 32767 * 0.1;

    private TestSignal() {
    }

    /** The µ-law payload of packet {@code index} (phase continuous across packets). */
    public static byte[] payload(long index) {
        byte[] payload = new byte[SAMPLES_PER_PACKET];
        long firstSample = index * SAMPLES_PER_PACKET;
        for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
            double t = (double) (firstSample + i) / SAMPLE_RATE;
            payload[i] = G711.linearToUlaw((int) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY_HZ * t)));
        }
        return payload;
    }

    /** RTP packet {@code index} of a stream: sequence and timestamp count on from the given starts. */
    public static byte[] packet(long index, long ssrc, int firstSequence, long firstTimestamp) {
        ByteBuffer b = ByteBuffer.allocate(12 + SAMPLES_PER_PACKET);
        b.put((byte) 0x80)
                .put((byte) (index == 0 ? 0x80 | PAYLOAD_TYPE_PCMU : PAYLOAD_TYPE_PCMU))   // marker on the first packet
                .putShort((short) (firstSequence + index))
                .putInt((int) (firstTimestamp + index * SAMPLES_PER_PACKET))
                .putInt((int) ssrc)
                .put(payload(index));
        return b.array();
    }
}
