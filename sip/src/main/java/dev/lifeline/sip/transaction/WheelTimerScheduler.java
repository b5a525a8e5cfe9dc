package dev.lifeline.sip.transaction;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Transaction timers on a Netty hashed wheel: O(1) to start and cancel, which matters under a
 * registration storm where tens of thousands of Timer F/J/K instances run at once, and
 * coarse (one tick, typically 10–100 ms), which SIP timers tolerate. The wheel belongs to the
 * caller, who stops it.
 */
public final class WheelTimerScheduler implements TimerScheduler {

    private final Timer wheel;

    public WheelTimerScheduler(Timer wheel) {
        this.wheel = Objects.requireNonNull(wheel, "wheel");
    }

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable task) {
        Timeout timeout = wheel.newTimeout(t -> task.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
        return timeout::cancel;
    }
}
