package dev.lifeline.sip.transaction;

/**
 * The transaction timers of RFC 3261 §17 (table 4, A to K), RFC 6026 §8 (L and M), and
 * {@link #TRYING}, which is not lettered in the RFC: it is the 200 ms after which an INVITE
 * server transaction answers 100 Trying on its own if the TU has not responded (§17.2.1).
 */
public enum TimerName {
    /** INVITE request retransmission interval, unreliable transports only. */
    A,
    /** INVITE transaction timeout while Calling. */
    B,
    /** Wait for retransmitted non-2xx final responses to an INVITE. */
    D,
    /** Non-INVITE request retransmission interval, unreliable transports only. */
    E,
    /** Non-INVITE transaction timeout. */
    F,
    /** INVITE final response retransmission interval, unreliable transports only. */
    G,
    /** Wait for the ACK to a non-2xx final response. */
    H,
    /** Wait for retransmitted ACKs. */
    I,
    /** Wait for retransmitted non-INVITE requests. */
    J,
    /** Wait for retransmitted non-INVITE responses. */
    K,
    /** INVITE server: wait for retransmitted INVITEs after a 2xx (RFC 6026). */
    L,
    /** INVITE client: wait for retransmitted 2xx responses (RFC 6026). */
    M,
    /** INVITE server: send 100 Trying if the TU stays silent this long. */
    TRYING
}
