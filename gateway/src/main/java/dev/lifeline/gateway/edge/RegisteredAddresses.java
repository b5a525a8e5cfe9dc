package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.registrar.location.LocationStore;
import java.net.InetAddress;
import java.time.InstantSource;

/**
 * The ban list's view of the location store: whether any extension's live binding came from
 * an address (its flow's source, where the phone really is; not its Contact, which behind NAT
 * is a private address). Walks every binding, which is cheap next to the digest that proved a
 * guess, and only counted guesses ask.
 */
public final class RegisteredAddresses implements BanList.Registrations {

    private final LocationStore locations;
    private final InstantSource clock;

    public RegisteredAddresses(LocationStore locations, InstantSource clock) {
        this.locations = locations;
        this.clock = clock;
    }

    @Override
    public boolean liveFrom(InetAddress source) {
        return locations.all(clock.instant()).stream().anyMatch(b -> b.flow().remote().getAddress().equals(source));
    }
}
