package dev.lifeline.sip.codec;

/**
 * Bounds on what one message may occupy, so that hostile input cannot make the parser allocate or
 * scan without limit. Violations are reported by name ("message exceeds the 65536-byte limit").
 *
 * @param maxMessageBytes start line, headers and body together
 * @param maxHeaderFields header field lines (folded continuations not counted)
 * @param maxLineBytes one physical line, without its CRLF
 */
public record ParseLimits(int maxMessageBytes, int maxHeaderFields, int maxLineBytes) {

    public static final ParseLimits DEFAULT = new ParseLimits(65_536, 256, 8_192);

    public ParseLimits {
        if (maxMessageBytes <= 0 || maxHeaderFields <= 0 || maxLineBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    String messageTooLarge() {
        return "message exceeds the " + maxMessageBytes + "-byte limit";
    }

    String tooManyHeaders() {
        return "message exceeds the " + maxHeaderFields + "-header-field limit";
    }

    String lineTooLong() {
        return "a line exceeds the " + maxLineBytes + "-byte limit";
    }
}
