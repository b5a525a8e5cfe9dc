package dev.lifeline.sip.codec;

/**
 * Finds message boundaries on a TCP or TLS byte stream (RFC 3261 §18.3): the headers end at the
 * empty line and the body is exactly Content-Length bytes, which is mandatory on streams.
 * Leading CRLFs are RFC 5626 §4.4.1 keepalives. Pure function of the buffered bytes: the Netty
 * decoder calls it, consumes what it reports, and calls again.
 */
public final class StreamFramer {

    private StreamFramer() {
    }

    public static Frame next(byte[] buf, int offset, int length, ParseLimits limits) {
        if (length <= 0) {
            return Frame.NeedMore.INSTANCE;
        }
        byte b = buf[offset];
        if (b == '\r' || b == '\n') {
            return keepAlive(buf, offset, length);
        }
        int end = offset + length;
        int scanEnd = Math.min(end, offset + limits.maxMessageBytes());
        int lineStart = offset;
        int lines = 0;
        for (int i = offset; i < scanEnd; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            int contentEnd = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
            if (contentEnd - lineStart > limits.maxLineBytes()) {
                return new Frame.Invalid(limits.lineTooLong());
            }
            if (contentEnd == lineStart) {
                return framed(buf, offset, i + 1, end, limits);
            }
            if (++lines > limits.maxHeaderFields() + 1) {
                return new Frame.Invalid(limits.tooManyHeaders());
            }
            lineStart = i + 1;
        }
        if (scanEnd - lineStart > limits.maxLineBytes()) {
            return new Frame.Invalid(limits.lineTooLong());
        }
        if (length >= limits.maxMessageBytes()) {
            return new Frame.Invalid(limits.messageTooLarge());
        }
        return Frame.NeedMore.INSTANCE;
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

    /** Headers span offset..headerEnd; find Content-Length and decide. */
    private static Frame framed(byte[] buf, int offset, int headerEnd, int end, ParseLimits limits) {
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
        long total = (long) (headerEnd - offset) + contentLength;
        if (total > limits.maxMessageBytes()) {
            return new Frame.Invalid(limits.messageTooLarge());
        }
        return total <= end - offset ? new Frame.Complete((int) total) : Frame.NeedMore.INSTANCE;
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
