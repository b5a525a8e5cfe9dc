package dev.lifeline.gateway.config;

/**
 * RTP relay settings.
 *
 * @param rtpPortMin first RTP port (even; RTCP takes the odd port above each RTP port)
 * @param rtpPortMax last port of the range
 * @param dscp the code point on RTP packets, EF (46) by default
 */
public record MediaSettings(int rtpPortMin, int rtpPortMax, int dscp) {

    public static final MediaSettings DEFAULT = new MediaSettings(10000, 20000, 46);
}
