package dev.lifeline.drill.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway restart did to its bindings, from {@code GET /api/registrations} before and
 * after: which were kept (listed again, same AOR and contact), which were lost, which are new,
 * and which phones registered again since the new gateway started (their {@code registeredAt} is
 * at or after its {@code startedAt}, both the gateway's clock). Phones over TCP/TLS reconnect and
 * register again; UDP phones need not, since the gateway keeps their bindings. Pure.
 *
 * @param kept     bindings listed before and after (as listed after)
 * @param lost     bindings listed before and not after
 * @param added    bindings listed after only (e.g. a phone that changed its contact)
 * @param cameBack the bindings listed after that a REGISTER wrote since the restart
 */
public record BindingRecovery(List<Binding> kept, List<Binding> lost, List<Binding> added, List<Binding> cameBack) {

    /** One binding as the admin API lists it; {@code registeredAt} empty when the gateway does not say. */
    public record Binding(String aor, String contact, String transport, Optional<Instant> registeredAt) {
        public Binding {
            Objects.requireNonNull(aor, "aor");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(registeredAt, "registeredAt");
        }

        /** What names a binding across the restart: its AOR and contact. */
        String key() {
            return aor + " " + contact;
        }

        @Override
        public String toString() {
            return aor + " " + contact + " (" + transport + ")";
        }
    }

    public BindingRecovery {
        kept = List.copyOf(kept);
        lost = List.copyOf(lost);
        added = List.copyOf(added);
        cameBack = List.copyOf(cameBack);
    }

    /**
     * @param before    the bindings listed before the restart
     * @param after     the bindings listed once the gateway answered again
     * @param restarted when the new gateway started (its {@code /api/status} startedAt)
     */
    public static BindingRecovery of(List<Binding> before, List<Binding> after, Instant restarted) {
        Map<String, Binding> now = new LinkedHashMap<>();
        after.forEach(b -> now.putIfAbsent(b.key(), b));
        Map<String, Binding> was = new LinkedHashMap<>();
        before.forEach(b -> was.putIfAbsent(b.key(), b));
        List<Binding> kept = new ArrayList<>();
        List<Binding> lost = new ArrayList<>();
        for (Binding b : was.values()) {
            Binding again = now.get(b.key());
            if (again != null) {
                kept.add(again);
            } else {
                lost.add(b);
            }
        }
        List<Binding> added = now.values().stream().filter(b -> !was.containsKey(b.key())).toList();
        List<Binding> cameBack = now.values().stream()
                .filter(b -> b.registeredAt().map(at -> !at.isBefore(restarted)).orElse(false)).toList();
        return new BindingRecovery(kept, lost, added, cameBack);
    }

    /** Whether this binding registered again since the restart. */
    public boolean cameBack(Binding b) {
        return cameBack.stream().anyMatch(c -> c.key().equals(b.key()));
    }
}
