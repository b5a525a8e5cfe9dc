package dev.lifeline.sip.message;

/**
 * A header value that does not follow its grammar, or a required header that is missing. The
 * message names the header and the defect, e.g. "To: unterminated quoted string". Accessors of
 * headers the parser validates never throw it on a parsed message.
 */
public final class InvalidHeaderException extends IllegalArgumentException {

    public InvalidHeaderException(String message) {
        super(message);
    }
}
