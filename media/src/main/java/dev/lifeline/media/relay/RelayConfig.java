package dev.lifeline.media.relay;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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
 * @param devices         local address to network device: relay sockets on such an address are
 *                        pinned to the device (SO_BINDTODEVICE, Linux with epoll only) or not opened
 */
public record RelayConfig(PortRange ports, int dscp, LatchPolicy latch, Duration drain, Duration reportInterval,
                          Duration minJitterBuffer, int ioThreads, boolean preferEpoll,
                          Map<InetAddress, String> devices) {

    /** Expedited Forwarding, the class for voice. */
    public static final int DSCP_EF = 46;

    public RelayConfig {
        if (dscp < 0 || dscp > 63) {
            throw new IllegalArgumentException("DSCP must be 0..63, was " + dscp);
        }
        requirePositive("drain", drain, true);
        requirePositive("report interval", reportInterval, false);
        requirePositive("minimum jitter buffer", minJitterBuffer, true);
        devices = Map.copyOf(devices);
        if (ioThreads < 1) {
            throw new IllegalArgumentException("I/O threads must be >= 1, was " + ioThreads);
        }
    }

    /** With no sockets pinned to a device. */
    public RelayConfig(PortRange ports, int dscp, LatchPolicy latch, Duration drain, Duration reportInterval,
                       Duration minJitterBuffer, int ioThreads, boolean preferEpoll) {
        this(ports, dscp, latch, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll, Map.of());
    }

    /** EF, default latching, 2 s drain, reports every 5 s, 20 ms minimum jitter buffer, two threads. */
    public static RelayConfig defaults(PortRange ports) {
        return new RelayConfig(ports, DSCP_EF, LatchPolicy.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(20), 2, true);
    }

    public RelayConfig withDrain(Duration d) {
        return new RelayConfig(ports, dscp, latch, d, reportInterval, minJitterBuffer, ioThreads, preferEpoll, devices);
    }

    public RelayConfig withLatch(LatchPolicy l) {
        return new RelayConfig(ports, dscp, l, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll, devices);
    }

    public RelayConfig withDscp(int value) {
        return new RelayConfig(ports, value, latch, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll, devices);
    }

    public RelayConfig withReportInterval(Duration d) {
        return new RelayConfig(ports, dscp, latch, drain, d, minJitterBuffer, ioThreads, preferEpoll, devices);
    }

    /** Pins the relay sockets on each address to its device (see {@code devices}). */
    public RelayConfig withDevices(Map<InetAddress, String> value) {
        return new RelayConfig(ports, dscp, latch, drain, reportInterval, minJitterBuffer, ioThreads, preferEpoll, value);
    }

    /** The device relay sockets on {@code local} are pinned to, if any. */
    public Optional<String> deviceFor(InetAddress local) {
        return Optional.ofNullable(devices.get(local));
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
