package dev.lifeline.gateway.web;

import dev.lifeline.gateway.registrar.location.Binding;
import java.time.Instant;

/**
 * One binding in {@code GET /api/registrations}; the phone's real source, not only its Contact.
 * {@code registeredAt} is when a REGISTER last wrote it (kept across restarts with the binding), so a
 * site drill can tell which phones registered again after a restart.
 */
public record RegistrationReport(String aor, String contact, String transport, String source, String expiresAt,
                                 long expiresInSeconds, String userAgent, String registeredAt) {

    public static RegistrationReport of(Binding b, Instant now) {
        String ip = b.flow().remote().getAddress().getHostAddress();
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return new RegistrationReport(b.aor(), b.contact().toString(), b.flow().transport().name().toLowerCase(),
                host + ":" + b.flow().remote().getPort(), b.expiresAt().toString(), b.remainingSeconds(now), b.userAgent(),
                b.updatedAt().toString());
    }
}
