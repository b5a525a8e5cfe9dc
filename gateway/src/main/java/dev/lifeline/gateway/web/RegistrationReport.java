package dev.lifeline.gateway.web;

import dev.lifeline.gateway.registrar.location.Binding;
import java.time.Instant;

/** One binding in {@code GET /api/registrations}; the phone's real source, not only its Contact. */
public record RegistrationReport(String aor, String contact, String transport, String source, String expiresAt,
                                 long expiresInSeconds, String userAgent) {

    public static RegistrationReport of(Binding b, Instant now) {
        String ip = b.flow().remote().getAddress().getHostAddress();
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return new RegistrationReport(b.aor(), b.contact().toString(), b.flow().transport().name().toLowerCase(),
                host + ":" + b.flow().remote().getPort(), b.expiresAt().toString(), b.remainingSeconds(now), b.userAgent());
    }
}
