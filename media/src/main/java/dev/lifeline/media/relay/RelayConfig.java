package dev.lifeline.media.relay;

import java.time.Duration;

/**
 * The relay's settings, validated once.
 *
 * @param ports           where RTP/RTCP pairs are allocated, on every local address
 * @param dscp            DSCP of every relay socket; EF (46) by default (RFC 4594 §4.1)
 * @param latch           when a latched source may be replaced
 * @param drain           how long a moved leg's old sockets keep receiving in-flight packets
 * @param reportInterval  how often quality is reported while a session is up
 * @param minJitterBuffer the smallest jitter buffer delay the E-model assumes at the phone
 * @param ioThreads       event loop threads; a session lives on one of them
 * @param preferEpoll     use native epoll when it loads
 */
public record RelayConfig(PortRange ports, int dscp, LatchPolicy latch, Duration drain, Duration reportInterval,
                          Duration minJitterBuffer, int ioThreads, boolean preferEpoll) {

    /** Expedited Forwarding, the class for voice. */
    public static final int DSCP_EF = 46;

    public RelayConfig {
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("DSCP must be 0..63, was " + dscp);
        }
        requirePositive("drain", drain, true);
        requirePositive("report interval", reportInterval, false);
        requirePositive("minimum jitter buffer", minJitterBuffer, true);
        if (ioThreads < 1) {
            throw new IllegalArgumentException("I/O threads must be >= 1, was " + ioThreads);
        }
    }

    /** EF, default latching, 2 s drain, reports every 5 s, 20 ms minimum jitter buffer, two threads. */
    public static RelayConfig defaults(PortRange ports) {
        return new RelayConfig(ports, DSCP_EF, LatchPolicy.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(20), 2, true);
    }

    public RelayConfig withDrain(Duration d) {
        return new RelayConfig(ports, dscp, latch, d, reportInterval, minJitterBuffer, ioThreads, preferEpoll);
    }

    public RelayConfig withLatch(LatchPolicy l) {
        return new RelayConfig(ports, dscp, l, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll);
    }

    public RelayConfig withDscp(int value) {
        return new RelayConfig(ports, value, latch, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll);
    }

    public RelayConfig withReportInterval(Duration d) {
        return new RelayConfig(ports, dscp, latch, drain, d, minJitterBuffer, ioThreads, preferEpoll);
    }

    /** The IPv4 TOS / IPv6 traffic class byte: DSCP in the six high bits (RFC 2474). */
    public int tosByte() {
        return dscp << 2;
    }

    private static void requirePositive(String what, Duration d, boolean zeroAllowed) {
        if (d == null || d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " duration, was " + d);
        }
    }
}
