package dev.lifeline.sip.transport;

import java.io.IOException;

/**
 * A send, connect, handshake or keepalive that failed. The message says which peer and what
 * happened, because it ends up in event logs read by people diagnosing an outage.
 */
public final class TransportException extends IOException {

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
