package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.uri.Uri;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One Contact of a REGISTER, read: its URI, the expiry it asks for (its own expires parameter,
 * else the Expires header, else the default — RFC 3261 §10.3 step 6), q, and the RFC 5626
 * instance and reg-id. reg-id counts only with an instance (RFC 5626 §4.2).
 */
record RequestedContact(Uri uri, long expires, OptionalDouble q, Optional<String> instance, OptionalInt regId) {

    static RequestedContact of(Contact c, SipRequest request, Duration defaultExpires) {
        OptionalInt own = c.expires();
        long expires = own.isPresent() ? own.getAsInt()
                : request.expires().isPresent() ? request.expires().getAsInt() : defaultExpires.toSeconds();
        Optional<String> instance = c.address().param("+sip.instance").filter(v -> !v.isEmpty());
        OptionalInt regId = instance.isPresent() ? regId(c) : OptionalInt.empty();
        return new RequestedContact(c.uri(), expires, c.q(), instance, regId);
    }

    private static OptionalInt regId(Contact c) {
        Optional<String> v = c.address().param("reg-id");
        if (v.isEmpty() || !v.get().matches("[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(v.get()));
    }

    String key() {
        return Binding.keyFor(uri, instance, regId);
    }

    /** Same binding: same instance and reg-id when there is an instance, else an equal URI (§19.1.4). */
    boolean matches(Binding b) {
        if (instance.isPresent()) {
            return instance.equals(b.instance()) && regId.equals(b.regId());
        }
        return b.instance().isEmpty() && uri.equals(b.contact());
    }
}
