package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * The site trunk's registration as the provider holds it: the Contact it registered, and the
 * path it arrived on as the provider sees it (the source address: the site's public NAT address,
 * in the lab the WAN emulator's mapped address). Inbound calls go to {@code source}.
 *
 * @param target       the provider target that accepted it
 * @param registeredAt when the 200 OK was sent
 */
public record TrunkBinding(String aor, Contact contact, Transport transport, InetSocketAddress source, String target,
                           String callId, Instant registeredAt, Instant expiresAt) {

    public TrunkBinding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
