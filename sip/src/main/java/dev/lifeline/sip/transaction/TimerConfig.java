package dev.lifeline.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The three base intervals every transaction timer derives from (RFC 3261 §17.1.1.1 and
 * table 4). T1 is the round-trip estimate; operators raise it on long-haul or satellite
 * paths, which stretches every timeout with it, as the RFC intends.
 *
 * @param t1 round-trip time estimate, default 500 ms
 * @param t2 cap on retransmission intervals for non-INVITE requests and INVITE responses, default 4 s
 * @param t4 how long a message can stay in the network, default 5 s
 */
public record TimerConfig(Duration t1, Duration t2, Duration t4) {

    /** RFC 3261 defaults: T1 500 ms, T2 4 s, T4 5 s. */
    public static final TimerConfig DEFAULT =
            new TimerConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    /** The fixed floor of Timer D on unreliable transports (§17.1.1.2: "at least 32 seconds"). */
    static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);

    /** How long an INVITE server transaction waits for the TU before sending 100 Trying itself. */
    static final Duration TRYING_DELAY = Duration.ofMillis(200);

    public TimerConfig {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 must be positive, was " + t1);
        }
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("T2 (" + t2 + ") must not be less than T1 (" + t1 + ")");
        }
        if (t4.isNegative()) {
            throw new IllegalArgumentException("T4 must not be negative, was " + t4);
        }
    }

    /** 64*T1: Timers B, F, H, J (unreliable), L and M. */
    public Duration transactionTimeout() {
        return t1.multipliedBy(64);
    }

    /**
     * Timer D: 0 on reliable transports; otherwise at least 32 s, and 64*T1 when T1 is raised
     * above its default, because D exists to outlive the server's Timer H retransmissions.
     */
    public Duration timerD(boolean reliable) {
        if (reliable) {
            return Duration.ZERO;
        }
        Duration scaled = transactionTimeout();
        return scaled.compareTo(TIMER_D_UNRELIABLE) > 0 ? scaled : TIMER_D_UNRELIABLE;
    }

    /** Timers I and K: T4 unreliable, 0 reliable. */
    public Duration lingerForRetransmissions(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /**
     * Timer H after a 401 or 407: 4*T1 (2 s), so a challenge to an INVITE that is never
     * acknowledged goes out three times over UDP (at 0, T1 and 3*T1) rather than eleven. A
     * client that lost all three simply sends its INVITE again and is challenged again.
     */
    public Duration challengeTimerH() {
        Duration h = t1.multipliedBy(4);
        return h.compareTo(transactionTimeout()) < 0 ? h : transactionTimeout();
    }

    /** Timer J: 64*T1 unreliable, 0 reliable. */
    public Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : transactionTimeout();
    }

    /** The next retransmission interval after {@code current}: doubled, capped at T2. */
    Duration doubledUpToT2(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(t2) > 0 ? t2 : doubled;
    }
}
