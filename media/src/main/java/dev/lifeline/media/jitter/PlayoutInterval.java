package dev.lifeline.media.jitter;

import java.time.Duration;

/**
 * One interval of a stream's playout timeline (one second by default), for a drill to chart.
 *
 * @param start       offset of the interval from the buffer's creation
 * @param played      frames played
 * @param concealed   frames concealed (missing when due, or waiting to re-buffer)
 * @param inserted    frames inserted to grow the delay
 * @param skipped     frames dropped to shrink the delay
 * @param late        packets that arrived after their playout time in this interval
 * @param targetDelay the buffer's target delay at the end of the interval
 */
public record PlayoutInterval(Duration start, int played, int concealed, int inserted, int skipped, int late,
                              Duration targetDelay) {

    /** Share of frames due in this interval that were not heard, in percent (0 when none were due). */
    public double concealedPercent() {
        int due = played + concealed;
        return due == 0 ? 0 : 100.0 * concealed / due;
    }
}
