package dev.lifeline.gateway.routing;

import dev.lifeline.media.relay.LegActivity;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The media of one answered call with a provider, as a path's media watch needs it.
 *
 * @param local          the relay's address for the provider side: the WAN path it is on
 * @param provider       what the provider side has delivered
 * @param phone          what the other side (the phone, or whoever is on it) has delivered
 * @param providerSends  the provider's last SDP says it sends (sendrecv or sendonly, no hold
 *                       address): silence from it is news, not what it announced
 */
public record TrunkCallMedia(InetAddress local, LegActivity provider, LegActivity phone, boolean providerSends) {

    public TrunkCallMedia {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(phone, "phone");
    }
}
