package dev.lifeline.sip.stack;

/**
 * Nothing came back in time: no final response before Timer B or F (64*T1), or no ACK for a
 * 2xx before the UAS gave up retransmitting it (§13.3.1.4). The message names the request and
 * the wait, because it ends up in event logs read during an outage.
 */
public final class SipTimeoutException extends Exception {

    public SipTimeoutException(String message) {
        super(message);
    }
}
