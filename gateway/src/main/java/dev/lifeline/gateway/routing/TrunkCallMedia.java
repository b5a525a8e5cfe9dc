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

    /**
     * The provider leg's activity as the media watch should judge it: silence counts from the
     * later of its last packet and {@code sendingSince}, when the provider said it sends again (a
     * call resumed after a hold was silent on purpose until then; its last packet before the hold
     * is no sign the path failed).
     */
    public static LegActivity heardSince(LegActivity activity, java.util.Optional<java.time.Instant> sendingSince) {
        if (sendingSince.isEmpty() || activity.lastArrival().isEmpty()
                || !activity.lastArrival().get().isBefore(sendingSince.get())) {
            return activity;
        }
        return new LegActivity(activity.packets(), sendingSince, activity.comfortNoise());
    }

    public TrunkCallMedia {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(phone, "phone");
    }
}
