package dev.lifeline.gateway.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the confirmation burst sends STUN Binding checks ({@code failover.stun}): the provider's
 * own SIP targets ({@code provider}: many SBCs answer STUN on their SIP port, RFC 5626 §8.4), or a
 * STUN server ({@code host:port}; an IP address is used as is, a name is looked up through each
 * path's resolvers).
 */
public record StunTarget(boolean provider, Optional<HostPort> server) {

    public StunTarget {
        Objects.requireNonNull(server, "server");
        if (provider == server.isPresent()) {
            throw new IllegalArgumentException("a STUN target is either the provider's SIP targets or one server");
        }
    }

    public static StunTarget providerTargets() {
        return new StunTarget(true, Optional.empty());
    }

    public static StunTarget server(HostPort hostPort) {
        return new StunTarget(false, Optional.of(hostPort));
    }

    /** As written in the site file. */
    @Override
    public String toString() {
        return provider ? "provider" : server.orElseThrow().host() + ":" + server.orElseThrow().port().orElse(3478);
    }
}
