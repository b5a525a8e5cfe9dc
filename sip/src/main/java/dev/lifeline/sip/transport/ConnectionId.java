package dev.lifeline.sip.transport;

/**
 * Names one flow (RFC 5626 §3): a TCP or TLS connection, or a UDP listening socket. Stable for
 * the connection's lifetime and never reused within one transport layer, so a stale id simply
 * finds no connection.
 */
public record ConnectionId(long value) {

    @Override
    public String toString() {
        return "conn-" + value;
    }
}
