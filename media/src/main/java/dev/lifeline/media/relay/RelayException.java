package dev.lifeline.media.relay;

/** The relay could not do what was asked: no ports, a socket that would not bind, a closed session. */
public class RelayException extends RuntimeException {

    public RelayException(String message) {
        super(message);
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
