package dev.lifeline.sip.transaction;

/**
 * The states of the four transaction machines (RFC 3261 figures 5 to 8, with RFC 6026's
 * Accepted). One enum for all four keeps logs and tests uniform; each machine uses a subset:
 * INVITE client Calling, Proceeding, Completed, Accepted; non-INVITE client Trying,
 * Proceeding, Completed; INVITE server Proceeding, Completed, Confirmed, Accepted;
 * non-INVITE server Trying, Proceeding, Completed. All end in Terminated.
 */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    CONFIRMED,
    ACCEPTED,
    TERMINATED
}
