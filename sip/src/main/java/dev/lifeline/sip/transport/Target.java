package dev.lifeline.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link SipTransportLayer#send} delivers a message.
 *
 * <p>{@code remote} must be resolved (RFC 3263 resolution is the caller's job, done per path).
 * For TLS the host string of {@code remote} chooses the client profile, and is the name the
 * server certificate is checked against unless that profile names a SIP domain (RFC 5922), so
 * build it with {@code new InetSocketAddress(InetAddress.getByAddress(name, ip), port)} to
 * verify a domain name rather than the IP.
 *
 * <p>{@code flow}, when present, pins the message to an existing connection (RFC 5626 flow
 * reuse, e.g. a request back to a phone over the connection it registered on). If that flow
 * has closed, the send fails instead of opening a new connection: the peer is typically behind
 * NAT and unreachable any other way (RFC 5626 §5.3).
 *
 * <p>{@code source}, when present, is the local address to send from: a listen point of the
 * target's transport must be bound to it. This is how traffic is kept on one WAN path: the
 * path's address is the source, so the OS's source routing sends it out of that path's link,
 * and stream connections opened from one source are never reused for another.
 */
public record Target(Transport transport, InetSocketAddress remote, Optional<ConnectionId> flow,
                     Optional<InetAddress> source) {

    public Target {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(source, "source");
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("target must be resolved before sending: " + remote);
        }
    }

    public Target(Transport transport, InetSocketAddress remote, Optional<ConnectionId> flow) {
        this(transport, remote, flow, Optional.empty());
    }

    /** This target, sent from {@code local} (a listen point's address). */
    public Target from(InetAddress local) {
        return new Target(transport, remote, flow, Optional.of(local));
    }

    public static Target of(Transport transport, InetSocketAddress remote) {
        return new Target(transport, remote, Optional.empty());
    }

    public static Target onFlow(ConnectionId flow, Transport transport, InetSocketAddress remote) {
        return new Target(transport, remote, Optional.of(flow));
    }
}
