package dev.lifeline.sip.stack;

import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transaction.TimerScheduler;
import dev.lifeline.sip.transaction.TimerScheduler.ScheduledTimer;
import java.time.Duration;
import java.util.Objects;

/**
 * The UAS core's retransmission of a 2xx to an INVITE until its ACK arrives (RFC 3261
 * §13.3.1.4): first after T1, the interval doubling up to T2, giving up once 64*T1 has passed.
 * The transaction cannot do this (it ends, or sits in Accepted, on a 2xx) because the ACK for a
 * 2xx is end to end and may come through proxies the 2xx left from; and it happens whatever
 * the transport, since a hop further along may be UDP.
 *
 * <p>Counts intervals rather than reading a clock, so it runs on virtual time in tests.
 */
final class TwoXxRetransmitter {

    private final TimerConfig timers;
    private final TimerScheduler scheduler;
    private final Runnable retransmit;
    private final Runnable gaveUp;

    private Duration interval;
    private Duration elapsed = Duration.ZERO;
    private ScheduledTimer pending;
    private boolean done;

    /**
     * @param retransmit sends the 2xx again; must not block
     * @param gaveUp     called once when 64*T1 passed without an ACK
     */
    TwoXxRetransmitter(TimerConfig timers, TimerScheduler scheduler, Runnable retransmit, Runnable gaveUp) {
        this.timers = Objects.requireNonNull(timers, "timers");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.retransmit = Objects.requireNonNull(retransmit, "retransmit");
        this.gaveUp = Objects.requireNonNull(gaveUp, "gaveUp");
        this.interval = timers.t1();
    }

    /** Call right after the 2xx went out the first time. */
    synchronized void start() {
        if (pending == null && !done) {
            schedule();
        }
    }

    /** The ACK arrived (or the stack is closing): stop. Safe to call more than once. */
    synchronized void stop() {
        done = true;
        if (pending != null) {
            pending.cancel();
        }
    }

    synchronized boolean stopped() {
        return done;
    }

    /** The next firing, cut short so the last one lands exactly on 64*T1. */
    private void schedule() {
        Duration remaining = timers.transactionTimeout().minus(elapsed);
        Duration delay = interval.compareTo(remaining) < 0 ? interval : remaining;
        pending = scheduler.schedule(delay, () -> fire(delay));
    }

    private void fire(Duration waited) {
        boolean expired;
        synchronized (this) {
            if (done) {
                return;
            }
            elapsed = elapsed.plus(waited);
            expired = elapsed.compareTo(timers.transactionTimeout()) >= 0;
            if (expired) {
                done = true;
            } else {
                Duration doubled = interval.multipliedBy(2);
                interval = doubled.compareTo(timers.t2()) > 0 ? timers.t2() : doubled;
                schedule();
            }
        }
        // Outside the lock: the callbacks send and complete futures.
        (expired ? gaveUp : retransmit).run();
    }
}
