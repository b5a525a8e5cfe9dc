package dev.lifeline.sip.transport;

/**
 * A Differentiated Services code point (RFC 2474) set on every socket this layer opens, so
 * that routers at the site can prioritise signalling over bulk traffic on a congested WAN.
 */
public record Dscp(int value) {

    /** Class selector 3, the conventional class for call signalling (RFC 4594 §4.2). */
    public static final Dscp CS3 = new Dscp(24);
    /** Best effort: leaves the TOS byte at zero. */
    public static final Dscp DEFAULT = new Dscp(0);

    public Dscp {
        if (value < 0 || value > 63) {
            throw new IllegalArgumentException("DSCP must be 0..63, got " + value);
        }
    }

    /** The IPv4 TOS / IPv6 traffic-class byte: DSCP in the six high bits, ECN bits left zero. */
    public int tosByte() {
        return value << 2;
    }
}
