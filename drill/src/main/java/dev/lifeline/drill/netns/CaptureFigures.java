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

    /** The 200 OK to an INVITE reaching {@code phone} from {@code from} on: the call was answered. */
    public static Optional<Sighting> answered(List<Datagram> capture, String phone, Instant from) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.destination().equals(phone) && d.sipStatus().filter(s -> s == 200).isPresent()
                    && d.cseqMethod().filter("INVITE"::equals).isPresent()) {
                return Optional.of(new Sighting(d.at(), "200 OK (INVITE) to the phone at " + phone + ":" + d.destinationPort()));
            }
        }
        return Optional.empty();
    }

    /** A BYE sent to {@code phone} within [from, to): the call ended by someone other than the phone. */
    public static Optional<Sighting> byeToPhone(List<Datagram> capture, String phone, Instant from, Instant to) {
        for (Datagram d : capture) {
            if (!d.at().isBefore(from) && d.at().isBefore(to) && d.destination().equals(phone)
                    && d.sipMethod().filter("BYE"::equals).isPresent()) {
                return Optional.of(new Sighting(d.at(), "BYE to the phone from " + d.source() + ":" + d.sourcePort()));
            }
        }
        return Optional.empty();
    }

    /**
     * The longest time within [from, to] that no media (UDP that is not SIP) reached {@code phone}:
     * between the call's answer and its first packet, between packets, and from the last one to
     * the end. The sighting is the packet that ended the gap (or the end), the value in seconds.
     */
    public static Optional<Gap> audioGap(List<Datagram> capture, String phone, Instant from, Instant to) {
        Instant previous = from;
        Gap longest = null;
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || d.at().isAfter(to) || !d.destination().equals(phone)
                    || d.sipMethod().isPresent() || d.sipStatus().isPresent()) {
                continue;
            }
            longest = longer(longest, previous, d.at(), "media to the phone again, from " + d.source() + ":" + d.sourcePort());
            previous = d.at();
        }
        longest = longer(longest, previous, to, "the end of the call");
        return Optional.ofNullable(longest);
    }

    /** A stretch without media and what ended it. */
    public record Gap(double seconds, Sighting end) {
    }

    private static Gap longer(Gap longest, Instant start, Instant end, String what) {
        double s = java.time.Duration.between(start, end).toNanos() / 1e9;
        return longest == null || s > longest.seconds() ? new Gap(Math.round(s * 1000) / 1000.0, new Sighting(end, what)) : longest;
    }

    /** Seconds from {@code from} to the sighting, in milliseconds' precision. */
    public static double seconds(Instant from, Sighting s) {
        return java.time.Duration.between(from, s.at()).toNanos() / 1e6 / 1000.0;
    }
}
