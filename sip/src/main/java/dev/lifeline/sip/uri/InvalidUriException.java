package dev.lifeline.sip.uri;

/** A URI that does not follow its scheme's grammar. The message says what is wrong. */
public final class InvalidUriException extends IllegalArgumentException {

    public InvalidUriException(String message) {
        super(message);
    }
}
