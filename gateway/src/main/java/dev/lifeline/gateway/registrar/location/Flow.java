package dev.lifeline.gateway.registrar.location;

import dev.lifeline.sip.stack.Source;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.InboundMessage;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How a phone is reached: the transport and source address its REGISTER really came from
 * (not what its Contact claims — behind a NAT that is a private address), the local address it
 * was sent to, and the connection it arrived on (RFC 5626 §5.3: requests go back down the flow).
 *
 * @param connection empty after a restart: connection ids are per process and a stored one
 *                   could name an unrelated new connection
 */
public record Flow(Transport transport, InetSocketAddress remote, InetSocketAddress local, Optional<ConnectionId> connection) {

    public Flow {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(connection, "connection");
    }

    public static Flow of(InboundMessage in) {
        return new Flow(in.transport(), in.remote(), in.local(), Optional.ofNullable(in.connection()));
    }

    /** The flow a request arrived on, as the SIP stack reports it. */
    public static Flow of(Source source) {
        return new Flow(source.transport(), source.remote(), source.local(), Optional.of(source.connection()));
    }

    public Flow withoutConnection() {
        return new Flow(transport, remote, local, Optional.empty());
    }

    @Override
    public String toString() {
        return transport + ":" + remote.getAddress().getHostAddress() + ":" + remote.getPort()
                + connection.map(c -> " via " + c).orElse("");
    }
}
