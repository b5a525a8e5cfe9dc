package dev.lifeline.sip.transport;

/** Where a response goes, as decided by {@link ResponseRouting}. */
public sealed interface ResponseRoute {

    /** Back on the stream connection the request arrived on. */
    record SameConnection() implements ResponseRoute {
    }

    /**
     * To this host and port over {@code transport}; on a stream transport a connection is opened
     * (or reused). {@code host} is an IP literal unless the Via carried a name and no received.
     */
    record Destination(Transport transport, String host, int port) implements ResponseRoute {
    }
}
