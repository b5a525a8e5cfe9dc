package dev.lifeline.sip.stack;

import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.InboundMessage;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a request came from: the flow it arrived on and that flow's addresses. Responses
 * follow RFC 3261 §18.2.2 back along it; {@link #replyTarget()} sends new requests back over
 * the same flow, which is the only way to reach a phone behind NAT (RFC 5626 §5.3).
 */
public record Source(Transport transport, InetSocketAddress remote, InetSocketAddress local, ConnectionId connection)
        implements Peer {

    public Source {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(connection, "connection");
    }

    static Source of(InboundMessage inbound) {
        return new Source(inbound.transport(), inbound.remote(), inbound.local(), inbound.connection());
    }

    /** A target pinned to this flow. */
    public Target replyTarget() {
        return Target.onFlow(connection, transport, remote);
    }
}
