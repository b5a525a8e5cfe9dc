package dev.lifeline.sip.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open inbound connections, in all and per source address, and says whether one more may
 * open. Called from every I/O thread, hence synchronised; the work inside is a map update.
 * Every {@link Verdict#ADMITTED} must be matched by one {@link #release} when that connection closes.
 */
final class ConnectionAdmission {

    enum Verdict {
        ADMITTED,
        /** The source already has {@link ConnectionLimits#maxPerSource()} open. */
        SOURCE_FULL,
        /** {@link ConnectionLimits#maxConnections()} are open. */
        ALL_FULL
    }

    private final ConnectionLimits limits;
    private final Map<InetAddress, Integer> bySource = new HashMap<>();
    private int total;

    ConnectionAdmission(ConnectionLimits limits) {
        this.limits = limits;
    }

    synchronized Verdict admit(InetAddress source) {
        int fromSource = bySource.getOrDefault(source, 0);
        if (fromSource >= limits.maxPerSource()) {
            return Verdict.SOURCE_FULL;
        }
        if (total >= limits.maxConnections()) {
            return Verdict.ALL_FULL;
        }
        bySource.put(source, fromSource + 1);
        total++;
        return Verdict.ADMITTED;
    }

    synchronized void release(InetAddress source) {
        Integer fromSource = bySource.get(source);
        if (fromSource == null) {
            throw new IllegalStateException("no open connection from " + source + " to release");
        }
        if (fromSource == 1) {
            bySource.remove(source);
        } else {
            bySource.put(source, fromSource - 1);
        }
        total--;
    }

    synchronized int open() {
        return total;
    }

    synchronized int open(InetAddress source) {
        return bySource.getOrDefault(source, 0);
    }

    ConnectionLimits limits() {
        return limits;
    }
}
