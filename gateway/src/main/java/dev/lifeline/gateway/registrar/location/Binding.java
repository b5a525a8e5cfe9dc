package dev.lifeline.gateway.registrar.location;

import dev.lifeline.sip.uri.Uri;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One contact bound to an address of record until {@code expiresAt} (RFC 3261 §10.3).
 *
 * @param aor       the address of record's user, e.g. "1001"
 * @param key       what identifies the binding within its AOR (see {@link #keyFor})
 * @param contact   the Contact URI as the phone sent it
 * @param q         the Contact's q, when it gave one
 * @param callId    Call-ID of the REGISTER that last wrote it (§10.3 step 7 ordering)
 * @param cseq      CSeq number of that REGISTER
 * @param flow      where the REGISTER came from, to reach the phone behind NAT
 * @param instance  the +sip.instance value as sent (quotes kept), RFC 5626 §4.1
 * @param regId     reg-id, RFC 5626 §4.2
 * @param userAgent User-Agent of the REGISTER, "" when absent; for the operator
 * @param updatedAt when it was last written
 */
public record Binding(String aor, String key, Uri contact, OptionalDouble q, Instant expiresAt, String callId,
                      long cseq, Flow flow, Optional<String> instance, OptionalInt regId, String userAgent,
                      Instant updatedAt) {

    /** Highest q first (no q counts as 1.0), then the most recently registered. */
    public static final Comparator<Binding> PREFERENCE = Comparator.comparingDouble((Binding b) -> -b.q().orElse(1.0))
            .thenComparing(Binding::updatedAt, Comparator.reverseOrder())
            .thenComparing(Binding::key);

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(regId, "regId");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A binding is named by its instance (and reg-id) when the phone sent one (RFC 5626 §6:
     * a new contact from the same instance replaces the old), else by its contact URI.
     */
    public static String keyFor(Uri contact, Optional<String> instance, OptionalInt regId) {
        if (instance.isPresent()) {
            return "instance:" + instance.get() + (regId.isPresent() ? ";reg-id=" + regId.getAsInt() : "");
        }
        return contact.toString();
    }

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** Whole seconds left, rounded up, as the 200 OK lists them; 0 when expired. */
    public long remainingSeconds(Instant now) {
        if (isExpired(now)) {
            return 0;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }

    public Binding withExpiresAt(Instant at) {
        return new Binding(aor, key, contact, q, at, callId, cseq, flow, instance, regId, userAgent, updatedAt);
    }

    public Binding withFlow(Flow f) {
        return new Binding(aor, key, contact, q, expiresAt, callId, cseq, f, instance, regId, userAgent, updatedAt);
    }

    public Binding withQ(OptionalDouble value) {
        return new Binding(aor, key, contact, value, expiresAt, callId, cseq, flow, instance, regId, userAgent, updatedAt);
    }
}
