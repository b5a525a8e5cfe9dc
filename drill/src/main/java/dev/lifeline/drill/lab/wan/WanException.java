package dev.lifeline.drill.lab.wan;

/** A WAN emulator could not be set up as asked; the message names what failed and what to do. */
public final class WanException extends RuntimeException {

    public WanException(String message) {
        super(message);
    }

    public WanException(String message, Throwable cause) {
        super(message, cause);
    }
}
