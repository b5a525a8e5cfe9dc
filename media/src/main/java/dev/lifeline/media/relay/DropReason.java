package dev.lifeline.media.relay;

/** Why a stage of the media path dropped a packet; each is counted per leg. */
public enum DropReason {
    /** Not an RTP packet by RFC 3550 §5.1 / A.1 (version, CSRC list, extension, padding). */
    MALFORMED_RTP,
    /** Not a compound RTCP packet by RFC 3550 A.2. */
    MALFORMED_RTCP,
    /**
     * From an expected address but not the latched source, and not (yet) allowed to take over:
     * the latched one is still sending, or the newcomer has not sent enough in a row.
     */
    UNEXPECTED_SOURCE,
    /**
     * From an IP address neither the leg's SDP nor its signalling named: a port scan, a spoofed
     * or sprayed stream. Never latched, never forwarded.
     */
    UNEXPECTED_ADDRESS,
    /** The other leg has no address to send to yet (no SDP, no latch, or on hold with c=0.0.0.0). */
    NO_DESTINATION,
    /** The session is closing. */
    CLOSED
}
