package dev.lifeline.media.relay;

/**
 * The UDP ports the relay may bind, inclusive. RTP takes the even port of each pair and RTCP
 * the odd one above it (RFC 3550 §11), so the range is read as pairs starting at an even port.
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1024 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range must lie in 1024-65535 with first <= last, was "
                    + first + "-" + last);
        }
        if (pairs(first, last) < 1) {
            throw new IllegalArgumentException("port range " + first + "-" + last
                    + " holds no even/odd pair for RTP and RTCP");
        }
    }

    public int pairs() {
        return pairs(first, last);
    }

    /** RTP port of pair {@code index}. */
    int rtpPort(int index) {
        return firstEven() + 2 * index;
    }

    int index(int rtpPort) {
        return (rtpPort - firstEven()) / 2;
    }

    private int firstEven() {
        return first + (first & 1);
    }

    private static int pairs(int first, int last) {
        int even = first + (first & 1);
        return last < even + 1 ? 0 : (last - even + 1) / 2;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
