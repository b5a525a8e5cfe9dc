package dev.lifeline.drill.lab.provider;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A call the provider places to the site.
 *
 * @param did             the site's number called (To, and the Request-URI user unless {@code contactAsRequestUri})
 * @param callerId        who calls
 * @param viaTarget       the provider target that sends it; empty: the one holding the trunk binding, else the first
 * @param destination     where to send it; empty: to the trunk's registered binding (its source address)
 * @param media           what the call sends; empty: the provider's default
 * @param contactAsRequestUri send to the registered Contact URI unchanged instead of putting the DID in its user part
 */
public record InboundCall(String did, CallerId callerId, Optional<String> viaTarget, Optional<InetSocketAddress> destination,
                          Optional<MediaMode> media, boolean contactAsRequestUri) {

    public InboundCall {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(callerId, "callerId");
        Objects.requireNonNull(viaTarget, "viaTarget");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(media, "media");
        if (did.isBlank()) {
            throw new IllegalArgumentException("an inbound call needs the DID it calls");
        }
    }

    public static InboundCall to(String did, CallerId callerId) {
        return new InboundCall(did, callerId, Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public InboundCall via(String target) {
        return new InboundCall(did, callerId, Optional.of(target), destination, media, contactAsRequestUri);
    }

    public InboundCall at(InetSocketAddress address) {
        return new InboundCall(did, callerId, viaTarget, Optional.of(address), media, contactAsRequestUri);
    }

    public InboundCall withMedia(MediaMode mode) {
        return new InboundCall(did, callerId, viaTarget, destination, Optional.of(mode), contactAsRequestUri);
    }

    public InboundCall withContactAsRequestUri(boolean value) {
        return new InboundCall(did, callerId, viaTarget, destination, media, value);
    }
}
