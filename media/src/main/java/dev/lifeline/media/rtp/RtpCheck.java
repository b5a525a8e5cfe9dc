package dev.lifeline.media.rtp;

/** Why an RTP packet is or is not well formed (RFC 3550 §5.1, Appendix A.1). */
public enum RtpCheck {
    VALID,
    /** Fewer than the 12 bytes of the fixed header. */
    TOO_SHORT,
    /** The version field is not 2. */
    NOT_VERSION_2,
    /** The CSRC list runs past the end of the packet. */
    CSRC_PAST_END,
    /** The header extension runs past the end of the packet. */
    EXTENSION_PAST_END,
    /** The padding count is zero or larger than what follows the header. */
    BAD_PADDING;

    public boolean isValid() {
        return this == VALID;
    }
}
