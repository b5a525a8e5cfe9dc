package dev.lifeline.media.jitter;

/**
 * One RTP packet as the jitter buffer sees it: header fields and when it arrived.
 *
 * @param ssrc         synchronization source; a new one restarts the stream's accounting
 * @param sequence     RTP sequence number, 0..65535
 * @param timestamp    RTP timestamp, 0..2^32−1
 * @param marker       the RTP marker bit: first packet of a talkspurt for audio (RFC 3551 §4.1)
 * @param silence      the payload is silence (the receiver's own level check); a frame the
 *                     buffer may drop or stretch without it being heard
 * @param arrivalNanos arrival time, nanoseconds on the same clock as the buffer's ticks
 */
public record RtpArrival(long ssrc, int sequence, long timestamp, boolean marker, boolean silence, long arrivalNanos) {

    public RtpArrival {
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("RTP sequence number must be 0..65535, was " + sequence);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp must be 0..2^32-1, was " + timestamp);
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC must be 0..2^32-1, was " + ssrc);
        }
    }
}
