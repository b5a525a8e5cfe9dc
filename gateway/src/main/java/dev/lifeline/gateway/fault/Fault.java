package dev.lifeline.gateway.fault;

import java.net.InetAddress;
import java.time.Instant;

/** An injected fault, active from {@code started} until {@code until} (its deadline) unless ended sooner. */
public sealed interface Fault {

    String id();

    Instant started();

    Instant until();

    /** "path-cut" or "media-loss", as events and the admin API name it. */
    String kind();

    /** What it affects: the path's name, or the call's Call-ID. */
    String target();

    /** e.g. "all traffic on 192.0.2.10 dropped", "20 % of media packets dropped". */
    String detail();

    default boolean activeAt(Instant now) {
        return now.isBefore(until());
    }

    /** Every gateway socket bound to {@code address} (the path's) drops traffic in and out. */
    record PathCut(String id, String path, InetAddress address, Instant started, Instant until) implements Fault {
        @Override
        public String kind() {
            return "path-cut";
        }

        @Override
        public String target() {
            return path;
        }

        @Override
        public String detail() {
            return "all traffic of the gateway's sockets on " + address.getHostAddress() + " dropped, in and out";
        }
    }

    /** The relay drops {@code percent} % of the packets of one call, at random, on every leg and way. */
    record MediaLoss(String id, String callId, int percent, Instant started, Instant until) implements Fault {
        @Override
        public String kind() {
            return "media-loss";
        }

        @Override
        public String target() {
            return callId;
        }

        @Override
        public String detail() {
            return percent + " % of this call's media packets dropped at random, in and out";
        }
    }
}
