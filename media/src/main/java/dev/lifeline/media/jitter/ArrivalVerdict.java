package dev.lifeline.media.jitter;

/** What the buffer did with an arriving packet. */
public enum ArrivalVerdict {
    /** Held for playout. */
    BUFFERED,
    /** Arrived after its playout time (or with the buffer full): discarded, counted late. */
    LATE,
    /** A copy of a packet already received: dropped, not counted again. */
    DUPLICATE
}
