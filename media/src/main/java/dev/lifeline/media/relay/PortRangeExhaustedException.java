package dev.lifeline.media.relay;

import java.net.InetAddress;

/**
 * Every RTP/RTCP pair of the configured range is in use (or would not bind) on a local address:
 * the gateway should refuse the call (488/503) rather than set it up without media.
 */
public final class PortRangeExhaustedException extends RelayException {

    private final transient InetAddress address;
    private final PortRange range;

    PortRangeExhaustedException(InetAddress address, PortRange range, int inUse) {
        super("no free RTP/RTCP port pair on " + address.getHostAddress() + " in range " + range
                + ": " + inUse + " of " + range.pairs() + " pairs in use by calls, the rest would not bind");
        this.address = address;
        this.range = range;
    }

    public InetAddress address() {
        return address;
    }

    public PortRange range() {
        return range;
    }
}
