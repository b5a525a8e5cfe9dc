package dev.lifeline.media.rtp;

/**
 * What {@link ReceiverStatistics} made of a packet's sequence number (RFC 3550 Appendix A.1).
 * A relay stage may drop what is not {@link #counts() counted}.
 */
public enum PacketVerdict {
    /** In order (possibly after a gap): the new highest sequence number. */
    IN_ORDER,
    /** Older than the highest seen and not seen before: reordered in the network. */
    LATE,
    /** Seen before. */
    DUPLICATE,
    /** Source not yet validated: fewer than MIN_SEQUENTIAL packets in sequence so far. */
    PROBATION,
    /** A large jump; dropped unless the next packet follows it, which then restarts the source. */
    BAD_JUMP,
    /** The packet after a large jump followed it: the sender restarted, statistics started over. */
    RESTARTED;

    /** True when the packet was counted as received (A.1's update_seq returned 1). */
    public boolean counts() {
        return this != PROBATION && this != BAD_JUMP;
    }
}
