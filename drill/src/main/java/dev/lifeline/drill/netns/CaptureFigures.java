package dev.lifeline.drill.netns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ISP-side captures show the gateway did, found in packet timestamps. Pure.
 * <ul>
 *   <li>{@link #firstMove}: the first SIP request from the site other than an OPTIONS probe
 *       (a REGISTER, an INVITE) on a path, from an instant on: the gateway moved its
 *       signalling there — detection, when that path is the one not cut;</li>
 *   <li>{@link #firstRegisterOk}: the provider's first 200 to a REGISTER going to the site on a
 *       path: the trunk registered over it.</li>
 * </ul>
 */
public final class CaptureFigures {

    /** A packet that marks a moment, and what it was, for the report. */
    public record Sighting(Instant at, String what) {
    }

    private CaptureFigures() {
    }

    public static Optional<Sighting> firstMove(List<Datagram> capture, String siteAddress, Instant from) {
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || !d.source().equals(siteAddress)) {
                continue;
            }
            Optional<String> method = d.sipMethod();
            if (method.isPresent() && !method.get().equals("OPTIONS")) {
                return Optional.of(new Sighting(d.at(), method.get() + " from " + d.source() + ":" + d.sourcePort()
                        + " to " + d.destination() + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    public static Optional<Sighting> firstRegisterOk(List<Datagram> capture, String siteAddress, Instant from) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.destination().equals(siteAddress) && d.isRegisterOk()) {
                return Optional.of(new Sighting(d.at(), "200 OK (REGISTER) from " + d.source() + ":" + d.sourcePort()
                        + " to " + d.destination() + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    /** Seconds from {@code from} to the sighting, in milliseconds' precision. */
    public static double seconds(Instant from, Sighting s) {
        return java.time.Duration.between(from, s.at()).toNanos() / 1e6 / 1000.0;
    }
}
