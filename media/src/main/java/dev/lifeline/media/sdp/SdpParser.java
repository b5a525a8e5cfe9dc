package dev.lifeline.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Splits a body into lines and checks the lines this model reads (v=, o=, c=, m=, rtpmap, rtcp),
 * so that the typed accessors never meet a malformed line. Everything else is kept unchecked:
 * a B2BUA passes attributes it does not know. Lenient where phones are known to differ: bare
 * LF line endings, blank lines, a missing s=.
 */
final class SdpParser {

    /** Bodies beyond this are refused before any work: SDP for a call is a few hundred bytes. */
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_LINES = 2_000;

    private SdpParser() {
    }

    static SdpResult parse(String body) {
        if (body == null || body.isBlank()) {
            return new SdpResult.Invalid("empty body");
        }
        if (body.length() > MAX_LENGTH) {
            return new SdpResult.Invalid("body of " + body.length() + " characters exceeds " + MAX_LENGTH);
        }
        List<SdpLine> lines = new ArrayList<>();
        String[] raw = body.split("\n", MAX_LINES + 1);
        if (raw.length > MAX_LINES) {
            return new SdpResult.Invalid("more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < raw.length; i++) {
            String text = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            if (text.isBlank()) {
                continue;
            }
            Optional<String> problem = problem(text);
            if (problem.isPresent()) {
                return invalid(i, problem.get(), text);
            }
            lines.add(new SdpLine(text.charAt(0), text.substring(2)));
        }
        return structure(lines);
    }

    private static Optional<String> problem(String text) {
        if (text.length() < 2 || text.charAt(1) != '=' || !Character.isLetter(text.charAt(0)) || text.charAt(0) > 'z') {
            return Optional.of("expected <type>=<value>");
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.of("NUL in line");
        }
        SdpLine line = new SdpLine(text.charAt(0), text.substring(2));
        return switch (line.type()) {
            case 'o' -> check(line.value(), Origin::parse, "o= needs <username> <sess-id> <numeric sess-version> <nettype> <addrtype> <address>");
            case 'c' -> check(line.value(), Connection::parse, "c= needs <nettype> <addrtype> <address>");
            case 'm' -> check(line.value(), MediaLine::parse, "m= needs <media> <port>[/<count>] <proto> <fmt> ...");
            case 'a' -> attributeProblem(line);
            default -> Optional.empty();
        };
    }

    private static Optional<String> attributeProblem(SdpLine line) {
        if (line.isAttribute("rtpmap")) {
            return check(line.attributeValue(), RtpMap::parse, "rtpmap needs <payload type> <encoding>/<clock rate>");
        }
        if (line.isAttribute("rtcp")) {
            return check(line.attributeValue(), RtcpAttribute::parse, "rtcp needs <port> [<nettype> <addrtype> <address>]");
        }
        return Optional.empty();
    }

    private static Optional<String> check(String value, Function<String, Optional<?>> parser, String expected) {
        return parser.apply(value).isPresent() ? Optional.empty() : Optional.of(expected);
    }

    private static SdpResult structure(List<SdpLine> lines) {
        if (lines.isEmpty() || lines.getFirst().type() != 'v' || !lines.getFirst().value().trim().equals("0")) {
            return new SdpResult.Invalid("the first line must be v=0");
        }
        List<SdpLine> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        List<SdpLine> current = null;
        for (SdpLine line : lines) {
            if (line.type() == 'm') {
                if (current != null) {
                    media.add(new MediaDescription(current));
                }
                current = new ArrayList<>();
            }
            (current == null ? session : current).add(line);
        }
        if (current != null) {
            media.add(new MediaDescription(current));
        }
        long origins = session.stream().filter(l -> l.type() == 'o').count();
        if (origins != 1) {
            return new SdpResult.Invalid("the session part must have exactly one o= line, has " + origins);
        }
        return new SdpResult.Parsed(new SessionDescription(session, media));
    }

    private static SdpResult invalid(int index, String expected, String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return new SdpResult.Invalid("line " + (index + 1) + ": " + expected + ", got '" + shown + "'");
    }
}
