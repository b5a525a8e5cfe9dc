package dev.lifeline.sip.transaction;

import java.time.Duration;

/**
 * Runs a task once after a delay. The transaction layer's only source of time passing, so
 * tests substitute virtual time and production picks its mechanism (an executor, a wheel).
 */
public interface TimerScheduler {

    /** Schedules {@code task}; the handle cancels it. A zero delay runs it as soon as possible. */
    ScheduledTimer schedule(Duration delay, Runnable task);

    /** A pending task. Cancelling one that already ran, or twice, does nothing. */
    @FunctionalInterface
    interface ScheduledTimer {
        void cancel();
    }
}
