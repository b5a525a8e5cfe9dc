package dev.lifeline.drill.site;

/** A site drill cannot go on; the message says what failed and what to do. */
public final class SiteDrillException extends Exception {

    public SiteDrillException(String message) {
        super(message);
    }

    public SiteDrillException(String message, Throwable cause) {
        super(message, cause);
    }
}
