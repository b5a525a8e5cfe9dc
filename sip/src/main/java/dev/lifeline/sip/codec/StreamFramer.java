package dev.lifeline.sip.codec;

/**
 * Finds message boundaries on a TCP or TLS byte stream (RFC 3261 §18.3): the headers end at the
 * empty line and the body is exactly Content-Length bytes, which is mandatory on streams.
 * Leading CRLFs are RFC 5626 §4.4.1 keepalives.
 *
 * <p>One framer per connection. It remembers how far it has searched the message being received,
 * so a message arriving in many small reads is scanned once in all, not once per read: the
 * caller presents the buffered bytes again (from the same message start, wherever they now lie
 * in memory) with more appended, and the framer resumes where it stopped. Once a frame, a
 * keepalive or a failure is reported, it starts afresh at the next byte the caller presents.
 */
public final class StreamFramer {

    private final ParseLimits limits;

    // Progress through the message being received, relative to its first byte.
    private int scanned;
    private int lineStart;
    private int lines;
    /** The whole message's length once its headers are complete, else -1. */
    private int total = -1;

    /** Bytes examined in all, for checking that the work stays linear in what arrives. */
    private long bytesExamined;

    public StreamFramer(ParseLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** Frames a buffer on its own, with no earlier progress to resume from. */
    public static Frame next(byte[] buf, int offset, int length, ParseLimits limits) {
        return new StreamFramer(limits).next(buf, offset, length);
    }

    /**
     * What starts at {@code offset}: the same message as the previous call when that was
     * {@link Frame.NeedMore}, with at least as many bytes; otherwise the start of the next one.
     */
    public Frame next(byte[] buf, int offset, int length) {
        if (length <= 0) {
            return Frame.NeedMore.INSTANCE;
        }
        if (total >= 0) {
            return length >= total ? done(new Frame.Complete(total)) : Frame.NeedMore.INSTANCE;
        }
        if (scanned == 0) {
            byte b = buf[offset];
            if (b == '\r' || b == '\n') {
                return keepAlive(buf, offset, length);
            }
        }
        int end = offset + length;
        int scanEnd = Math.min(end, offset + limits.maxMessageBytes());
        int from = offset + scanned;
        bytesExamined += Math.max(0, scanEnd - from);
        for (int i = from; i < scanEnd; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            int start = offset + lineStart;
            int contentEnd = i > start && buf[i - 1] == '\r' ? i - 1 : i;
            if (contentEnd - start > limits.maxLineBytes()) {
                return done(new Frame.Invalid(limits.lineTooLong()));
            }
            if (contentEnd == start) {
                return headersEnd(buf, offset, i + 1, end);
            }
            if (++lines > limits.maxHeaderFields() + 1) {
                return done(new Frame.Invalid(limits.tooManyHeaders()));
            }
            lineStart = i + 1 - offset;
        }
        scanned = scanEnd - offset;
        if (scanned - lineStart > limits.maxLineBytes()) {
            return done(new Frame.Invalid(limits.lineTooLong()));
        }
        if (length >= limits.maxMessageBytes()) {
            return done(new Frame.Invalid(limits.messageTooLarge()));
        }
        return Frame.NeedMore.INSTANCE;
    }

    /** Bytes examined so far by this framer, over all messages. */
    long bytesExamined() {
        return bytesExamined;
    }

    private Frame headersEnd(byte[] buf, int offset, int headerEnd, int end) {
        bytesExamined += headerEnd - offset; // the Content-Length search reads the headers once more
        Frame frame = framed(buf, offset, headerEnd, limits);
        if (frame instanceof Frame.Complete complete && complete.length() > end - offset) {
            total = complete.length(); // later reads only wait for the body
            return Frame.NeedMore.INSTANCE;
        }
        return done(frame);
    }

    /** Forgets the finished message's progress. */
    private Frame done(Frame frame) {
        scanned = 0;
        lineStart = 0;
        lines = 0;
        total = -1;
        return frame;
    }

    /** "\r\n\r\n" is a ping, a lone "\r\n" a pong; a bare LF counts as a pong too. */
    private static Frame keepAlive(byte[] buf, int offset, int length) {
        if (buf[offset] == '\n') {
            return new Frame.KeepAlive(1, false);
        }
        if (length < 2) {
            return Frame.NeedMore.INSTANCE;
        }
        if (buf[offset + 1] != '\n') {
            return new Frame.Invalid("stray CR before a message");
        }
        if (length == 2 || buf[offset + 2] != '\r') {
            return new Frame.KeepAlive(2, false);
        }
        if (length == 3) {
            return Frame.NeedMore.INSTANCE;
        }
        return buf[offset + 3] == '\n' ? new Frame.KeepAlive(4, true) : new Frame.KeepAlive(2, false);
    }

    /** Headers span offset..headerEnd; the whole message's length from Content-Length, or why not. */
    private static Frame framed(byte[] buf, int offset, int headerEnd, ParseLimits limits) {
        long contentLength = -1;
        int line = nextLine(buf, offset, headerEnd); // skip the start line
        while (line < headerEnd) {
            int next = nextLine(buf, line, headerEnd);
            int valueStart = contentLengthValue(buf, line, next);
            if (valueStart >= 0) {
                if (contentLength >= 0) {
                    return new Frame.Invalid("multiple Content-Length header fields");
                }
                int valueEnd = next;
                while (valueEnd < headerEnd && (buf[valueEnd] == ' ' || buf[valueEnd] == '\t')) {
                    valueEnd = nextLine(buf, valueEnd, headerEnd); // folded continuation
                }
                contentLength = number(buf, valueStart, valueEnd, limits.maxMessageBytes());
                if (contentLength < 0) {
                    return new Frame.Invalid(contentLength == -2 ? "Content-Length is negative"
                            : "Content-Length is not a number");
                }
                next = valueEnd;
            }
            line = next;
        }
        if (contentLength < 0) {
            return new Frame.Invalid("missing Content-Length (mandatory on stream transports)");
        }
        long length = (long) (headerEnd - offset) + contentLength;
        if (length > limits.maxMessageBytes()) {
            return new Frame.Invalid(limits.messageTooLarge());
        }
        return new Frame.Complete((int) length);
    }

    private static int nextLine(byte[] buf, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (buf[i] == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    /** When the line is a Content-Length (or "l") header, the index after its colon; else -1. */
    private static int contentLengthValue(byte[] buf, int from, int to) {
        int nameEnd = from;
        while (nameEnd < to && Text.isTokenByte(buf[nameEnd])) {
            nameEnd++;
        }
        int colon = nameEnd;
        while (colon < to && (buf[colon] == ' ' || buf[colon] == '\t')) {
            colon++;
        }
        if (colon >= to || buf[colon] != ':') {
            return -1;
        }
        int len = nameEnd - from;
        boolean match = (len == 1 && (buf[from] | 0x20) == 'l') || (len == 14 && equalsIgnoreCase(buf, from, "content-length"));
        return match ? colon + 1 : -1;
    }

    private static boolean equalsIgnoreCase(byte[] buf, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if ((buf[from + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** 1*DIGIT surrounded by whitespace; -2 when negative, -1 when malformed; capped at max + 1. */
    private static long number(byte[] buf, int from, int to, int max) {
        int i = from;
        while (i < to && isLws(buf[i])) {
            i++;
        }
        if (i < to && buf[i] == '-') {
            return -2;
        }
        int digitsStart = i;
        long n = 0;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
            n = Math.min(n * 10 + (buf[i] - '0'), (long) max + 1);
            i++;
        }
        if (i == digitsStart) {
            return -1;
        }
        while (i < to && isLws(buf[i])) {
            i++;
        }
        return i == to ? n : -1;
    }

    private static boolean isLws(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
