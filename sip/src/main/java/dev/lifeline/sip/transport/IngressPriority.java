package dev.lifeline.sip.transport;

/**
 * Which arriving requests go ahead of the others waiting in the {@link DatagramIngress}, judged
 * from the raw datagram before it is parsed (so: from its first line). Responses always go
 * ahead and are not asked about. Must be quick and must not block: it runs on the I/O thread
 * for every datagram.
 */
@FunctionalInterface
public interface IngressPriority {

    /** Nothing goes ahead but responses. */
    IngressPriority NONE = (datagram, length) -> false;

    /** @param datagram the bytes as received, {@code length} of them */
    boolean first(byte[] datagram, int length);
}
