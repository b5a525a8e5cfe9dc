package dev.lifeline.bench;

/**
 * Reads the SDP connection (c=) and media (m=) lines from a body the way a media anchor would
 * before rewriting them. Both sides of the parser benchmark use this same code on the body
 * their parser hands back, so SDP work is equal on both sides.
 */
final class SdpLines {

    private SdpLines() {
    }

    /** A checksum over the c= and m= line contents (keeps the JIT from dropping the work). */
    static int connectionAndMedia(byte[] body) {
        int sum = 0;
        int lineStart = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > lineStart && body[i - 1] == '\r' ? i - 1 : i;
                if (end - lineStart > 2 && body[lineStart + 1] == '='
                        && (body[lineStart] == 'c' || body[lineStart] == 'm')) {
                    String value = new String(body, lineStart + 2, end - lineStart - 2,
                            java.nio.charset.StandardCharsets.US_ASCII);
                    sum = 31 * sum + value.hashCode();
                }
                lineStart = i + 1;
            }
        }
        return sum;
    }
}
