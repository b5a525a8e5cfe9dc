package dev.lifeline.drill.netns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the captures show of the DNS and NAT faults: the rcodes each path's resolver answered the
 * site with (from the ISP-side capture, so the rcode claimed is the one on the wire), and, after a
 * NAT port change, the first REGISTER the provider received from the new public port and the 200 OK
 * it sent back (from inet's capture). Pure.
 */
public final class DnsNatFigures {

    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};

    private DnsNatFigures() {
    }

    /** The DNS rcode of a response (QR set), or empty for a query or a payload too short to be DNS. */
    public static Optional<Integer> rcode(byte[] payload) {
        if (payload.length < 12 || (payload[2] & 0x80) == 0) {
            return Optional.empty();
        }
        return Optional.of(payload[3] & 0x0f);
    }

    /** The rcode's name (RFC 1035, RFC 6895), or its number. */
    public static String rcodeName(int rcode) {
        return rcode < RCODES.length ? RCODES[rcode] : "rcode " + rcode;
    }

    /**
     * Per rcode, how many answers the resolver at {@code resolver} port 53 sent to {@code siteAddress}
     * in {@code capture} from {@code from} on, and when the first of each came; in first-seen order.
     */
    public static Map<String, Seen> answers(List<Datagram> capture, String resolver, String siteAddress, Instant from) {
        Map<String, Seen> out = new LinkedHashMap<>();
        for (Datagram d : capture) {
            if (d.at().isBefore(from) || !d.source().equals(resolver) || d.sourcePort() != 53
                    || !d.destination().equals(siteAddress)) {
                continue;
            }
            rcode(d.payload()).ifPresent(r -> out.merge(rcodeName(r), new Seen(1, d.at()),
                    (a, b) -> new Seen(a.count() + 1, a.first())));
        }
        return out;
    }

    /** How many were seen and the first one's capture time. */
    public record Seen(int count, Instant first) {
    }

    /**
     * One line: the rcodes {@code resolver} answered the site with, each with its count and the
     * first one's offset from {@code start}; "no answers" when there were none.
     */
    public static String answersLine(List<Datagram> capture, String resolver, String siteAddress, Instant start, String where) {
        Map<String, Seen> seen = answers(capture, resolver, siteAddress, start);
        if (seen.isEmpty()) {
            return "resolver " + resolver + " sent no answers to " + siteAddress + " (" + where + ")";
        }
        List<String> parts = new ArrayList<>();
        seen.forEach((rcode, s) -> parts.add(String.format(Locale.ROOT, "%s ×%d (first at %.1f s)", rcode, s.count(),
                Duration.between(start, s.first()).toMillis() / 1000.0)));
        return "resolver " + resolver + " answered " + siteAddress + " " + String.join(", ", parts) + " (" + where + ")";
    }

    /**
     * After a NAT port change at {@code changed}: the first REGISTER the provider received from
     * {@code publicAddress} with a source port in [{@code low}, {@code high}], and the provider's
     * first 200 OK to that address and port after it. Empty when no such REGISTER was captured.
     */
    public static Optional<ReRegistered> reRegistered(List<Datagram> inet, String publicAddress, int low, int high,
                                                      Instant changed) {
        Datagram register = null;
        for (Datagram d : inet) {
            if (register == null) {
                if (!d.at().isBefore(changed) && d.source().equals(publicAddress) && d.sourcePort() >= low
                        && d.sourcePort() <= high && d.sipMethod().filter("REGISTER"::equals).isPresent()) {
                    register = d;
                }
            } else if (d.destination().equals(publicAddress) && d.destinationPort() == register.sourcePort() && d.isRegisterOk()) {
                return Optional.of(new ReRegistered(register.sourcePort(), register.at(), Optional.of(d.at())));
            }
        }
        return register == null ? Optional.empty()
                : Optional.of(new ReRegistered(register.sourcePort(), register.at(), Optional.empty()));
    }

    /** The new public port, when the REGISTER from it was captured, and when its 200 OK was (if it was). */
    public record ReRegistered(int port, Instant register, Optional<Instant> ok) {
    }
}
