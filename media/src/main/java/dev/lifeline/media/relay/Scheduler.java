package dev.lifeline.media.relay;

import java.time.Duration;

/**
 * Runs the relay's timed work: periodic quality reports and closing a moved leg's old sockets.
 * The relay hands every task back to the session's event loop itself, so an implementation
 * only decides when. Tests use one that runs tasks when told to.
 */
public interface Scheduler {

    /** Runs the task once after the delay. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs the task every period, the first time one period from now. */
    Cancellable every(Duration period, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
