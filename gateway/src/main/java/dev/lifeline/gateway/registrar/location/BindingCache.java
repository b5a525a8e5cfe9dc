package dev.lifeline.gateway.registrar.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bindings in memory, per AOR an immutable map replaced on each change, so readers on any
 * thread see an AOR's bindings either before or after a REGISTER, never half of it.
 */
final class BindingCache {

    private final ConcurrentHashMap<String, Map<String, Binding>> byAor = new ConcurrentHashMap<>();

    void apply(List<BindingChange> changes) {
        Map<String, List<BindingChange>> grouped = new HashMap<>();
        for (BindingChange c : changes) {
            grouped.computeIfAbsent(c.aor(), k -> new ArrayList<>()).add(c);
        }
        grouped.forEach((aor, list) -> byAor.compute(aor, (k, old) -> changed(old, list)));
    }

    private static Map<String, Binding> changed(Map<String, Binding> old, List<BindingChange> changes) {
        Map<String, Binding> next = old == null ? new HashMap<>() : new HashMap<>(old);
        for (BindingChange c : changes) {
            switch (c) {
                case BindingChange.Upsert u -> next.put(u.key(), u.binding());
                case BindingChange.Remove r -> next.remove(r.key());
            }
        }
        return next.isEmpty() ? null : Map.copyOf(next);
    }

    /**
     * Removes {@code b} unless it was replaced meanwhile (a refresh that raced the purge wins);
     * true when this call removed it, so that two purges never report one binding twice.
     */
    boolean removeIfUnchanged(Binding b) {
        boolean[] removed = {false};
        byAor.computeIfPresent(b.aor(), (k, old) -> {
            if (!b.equals(old.get(b.key()))) {
                return old;
            }
            removed[0] = true;
            Map<String, Binding> next = new HashMap<>(old);
            next.remove(b.key());
            return next.isEmpty() ? null : Map.copyOf(next);
        });
        return removed[0];
    }

    List<Binding> lookup(String aor, Instant now) {
        Map<String, Binding> m = byAor.get(aor);
        return m == null ? List.of() : live(m, now);
    }

    List<Binding> all(Instant now) {
        List<Binding> out = new ArrayList<>();
        new TreeMap<>(byAor).forEach((aor, m) -> out.addAll(live(m, now)));
        return List.copyOf(out);
    }

    List<Binding> expired(Instant now) {
        List<Binding> out = new ArrayList<>();
        byAor.values().forEach(m -> m.values().stream().filter(b -> b.isExpired(now)).forEach(out::add));
        return out;
    }

    private static List<Binding> live(Map<String, Binding> m, Instant now) {
        return m.values().stream().filter(b -> !b.isExpired(now)).sorted(Binding.PREFERENCE).toList();
    }
}
