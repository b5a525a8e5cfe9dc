package dev.lifeline.drill.lab.wan;

/** Why the emulator dropped a packet; each reason has its own counter per direction. */
public enum DropReason {
    /** The link is down (blackhole): at arrival, or still queued when it went down. */
    BLACKHOLE,
    /** Independent random loss. */
    RANDOM_LOSS,
    /** Gilbert-Elliott loss (bursty). */
    BURST_LOSS,
    /** The rate limiter's bounded queue was full (tail drop). */
    QUEUE_FULL,
    /** The emulator's own bound on packets waiting for their delivery time was reached. */
    BACKLOG_FULL,
    /** Provider → site packet to a mapping that had been idle longer than the NAT timeout. */
    MAPPING_EXPIRED,
    /** Provider → site packet to a mapping that a port change (NAT reboot) discarded. */
    MAPPING_RESET,
    /** Provider → site packet from a remote the mapping's filtering does not admit. */
    FILTERED,
    /** Provider → site packet admitted by the NAT that no inside forward can deliver. */
    NO_ROUTE,
    /** No new mapping could be made: mapping limit reached or the public port could not be bound. */
    NAT_EXHAUSTED,
    /** The socket refused the packet when it was due. */
    SEND_FAILED
}
