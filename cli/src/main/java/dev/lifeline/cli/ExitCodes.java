package dev.lifeline.cli;

/** Exit codes shared by every command. */
final class ExitCodes {
    static final int OK = 0;
    /** A check found a problem (invalid message, failed SLO). */
    static final int FAILED = 1;
    /** Usage error or an operation that could not be carried out. */
    static final int USAGE = 2;
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
