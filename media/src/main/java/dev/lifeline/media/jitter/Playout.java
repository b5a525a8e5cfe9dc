package dev.lifeline.media.jitter;

/** What one playout tick produced: a frame of audio, or why there was none. */
public enum Playout {
    /** Nothing received yet (or re-buffering after a re-anchor): silence, not yet a gap. */
    WAITING,
    /** The frame due was in the buffer and was played. */
    PLAYED,
    /** The frame due was missing (lost, or not there yet) and was concealed. */
    CONCEALED,
    /** A frame was inserted to grow the delay; the due frame waits one more tick. */
    INSERTED;

    /** Whether the listener heard the stream's audio in this tick. */
    public boolean audible() {
        return this == PLAYED;
    }
}
