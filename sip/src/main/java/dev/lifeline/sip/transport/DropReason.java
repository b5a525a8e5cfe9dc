package dev.lifeline.sip.transport;

/**
 * Why inbound bytes were not delivered as a message. Every case is counted in
 * {@link TransportStats}, so a drill can tell a hostile or broken peer from a silent one.
 */
public enum DropReason {
    /** A malformed request; a 400 naming the defect went back. */
    ANSWERED_400,
    /** A malformed request whose Via, From, To, Call-ID or CSeq were unreadable, so no 400 was possible. */
    MALFORMED_REQUEST,
    /** A malformed response; responses are never answered. */
    MALFORMED_RESPONSE,
    /** Bytes that are not SIP at all (no recognisable start line), e.g. a stray datagram. */
    NOT_SIP,
    /** A Via transport token this layer does not speak, or one that contradicts the socket. */
    UNSUPPORTED_TRANSPORT,
    /** Framing failed on a stream; since the next message boundary is unknown, the connection was closed. */
    STREAM_DESYNCHRONISED,
    /** A stream peer kept sending a message larger than the parse limits allow; the connection was closed. */
    STREAM_OVER_LIMIT,
    /** A stream peer began a message and did not finish it within the message deadline (slowloris); the connection was closed. */
    STREAM_TOO_SLOW,
    /** An inbound TCP/TLS connection was closed at once: its source address had the most connections allowed open. */
    CONNECTION_OVER_SOURCE_LIMIT,
    /** An inbound TCP/TLS connection was closed at once: the most inbound connections allowed were open. */
    CONNECTION_OVER_TOTAL_LIMIT,
    /** A TLS peer failed the handshake (untrusted certificate, protocol below TLS 1.2, ...). */
    TLS_HANDSHAKE_FAILED,
    /** The inbound handler threw; the message is lost for this layer. */
    HANDLER_FAILED,
    /**
     * A datagram read from the socket found the ingress queue full (more bytes waiting than its
     * budget): dropped as the kernel would have, but after the gateway's own answers and
     * emergency calls had their place (see {@link DatagramIngress}).
     */
    INGRESS_FULL
}
