package dev.lifeline.drill.netns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv4 UDP datagram from a capture, with the kernel's timestamp.
 *
 * @param at      when the capture saw it (the host's wall clock, the clock the lab records faults by)
 * @param source  dotted IPv4 address
 * @param payload the UDP payload
 */
public record Datagram(Instant at, String source, int sourcePort, String destination, int destinationPort, byte[] payload) {

    public Datagram {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The SIP request's method ({@code REGISTER}), when the payload is a SIP request. */
    public Optional<String> sipMethod() {
        String first = firstLine();
        int sp = first.indexOf(' ');
        if (sp <= 0 || !first.endsWith(" SIP/2.0") || !first.substring(0, sp).matches("[A-Z]{3,16}")) {
            return Optional.empty();
        }
        return Optional.of(first.substring(0, sp));
    }

    /** The SIP response's status code, when the payload is a SIP response. */
    public Optional<Integer> sipStatus() {
        String first = firstLine();
        if (!first.matches("SIP/2\\.0 [1-6][0-9]{2}( .*)?")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(first.substring(8, 11)));
    }

    /** The method named in the CSeq header, when the payload is SIP and has one. */
    public Optional<String> cseqMethod() {
        for (String line : text().split("\r?\n")) {
            if (line.isEmpty()) {
                break;   // end of the headers
            }
            if (line.regionMatches(true, 0, "CSeq:", 0, 5)) {
                String[] parts = line.substring(5).strip().split("\\s+");
                return parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A 200 answering a REGISTER. */
    public boolean isRegisterOk() {
        return sipStatus().filter(s -> s == 200).isPresent() && cseqMethod().filter("REGISTER"::equals).isPresent();
    }

    /** A SIP header's value (the first of that name, compact form {@code compact} too), when the payload is SIP. */
    public Optional<String> sipHeader(String name, String compact) {
        for (String line : text().split("\r?\n")) {
            if (line.isEmpty()) {
                break;   // end of the headers
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String n = line.substring(0, colon).strip();
                if (n.equalsIgnoreCase(name) || (compact != null && n.equalsIgnoreCase(compact))) {
                    return Optional.of(line.substring(colon + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /** The port of the SDP body's first {@code m=audio} line, when the payload carries one. */
    public Optional<Integer> sdpAudioPort() {
        var m = java.util.regex.Pattern.compile("(?m)^m=audio ([0-9]{1,5}) ").matcher(text());
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private String firstLine() {
        String t = text();
        int end = t.indexOf('\r');
        if (end < 0) {
            end = t.indexOf('\n');
        }
        return end < 0 ? t : t.substring(0, end);
    }

    private String text() {
        return new String(payload, 0, Math.min(payload.length, 2048), StandardCharsets.ISO_8859_1);
    }
}
