package dev.lifeline.sip.codec;

/** What {@link StreamFramer} found at the start of a stream buffer. */
public sealed interface Frame {

    /** A whole message of {@code length} bytes (headers and Content-Length body) is buffered. */
    record Complete(int length) implements Frame {
    }

    /** Not enough bytes yet to know where the next message ends. */
    record NeedMore() implements Frame {
        static final NeedMore INSTANCE = new NeedMore();
    }

    /**
     * An RFC 5626 §4.4.1 keepalive to consume: a double CRLF "ping" ({@code ping} true, 4 bytes) or a
     * single CRLF "pong" ({@code ping} false). A server answers pings with a CRLF; because a ping
     * may arrive split across segments and is then seen as two pongs, a server may answer any
     * keepalive, while a client never answers.
     */
    record KeepAlive(int length, boolean ping) implements Frame {
    }

    /** The stream cannot be framed (limits, bad or missing Content-Length); close the connection. */
    record Invalid(String reason) implements Frame {
    }
}
