package dev.lifeline.gateway;

/**
 * The gateway could not start; the message says what failed and what to do about it
 * (e.g. which address is in use). Whatever had started is closed again.
 */
public final class GatewayStartException extends Exception {

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
