package dev.lifeline.drill.lab.dns;

/** What a resolver endpoint does with queries, switched at runtime by a drill. */
public enum DnsFault {
    /** Answers from its view. */
    NONE,
    /** Reads queries and answers nothing (a dead or unreachable resolver: the client times out). */
    SILENT,
    /** Answers every query SERVFAIL (RFC 1035 rcode 2: the server could not process it). */
    SERVFAIL,
    /** Answers every query REFUSED (rcode 5: the server will not answer this client). */
    REFUSED
}
