package dev.lifeline.sip.transport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which client profile serves which remote host: an exact host (name or IP literal, compared
 * without case) or a domain written {@code *.provider.example} that matches every name below
 * it. The exact entry wins, then the longest matching domain. Immutable; pure lookups.
 */
record TlsClientRoutes(Map<String, String> exact, Map<String, String> domains) {

    static final TlsClientRoutes NONE = new TlsClientRoutes(Map.of(), Map.of());

    TlsClientRoutes {
        exact = Map.copyOf(exact);
        domains = Map.copyOf(domains);
    }

    /** Adds or replaces the route for {@code host} ({@code *.domain} for a domain). */
    TlsClientRoutes with(String host, String profile) {
        Objects.requireNonNull(profile, "profile");
        String key = normalise(host);
        if (key.startsWith("*.")) {
            String domain = key.substring(2);
            if (domain.isEmpty() || domain.contains("*")) {
                throw new IllegalArgumentException("a domain route is written *.domain, e.g. *.provider.example; got " + host);
            }
            Map<String, String> next = new HashMap<>(domains);
            next.put(domain, profile);
            return new TlsClientRoutes(exact, next);
        }
        if (key.isEmpty() || key.contains("*")) {
            throw new IllegalArgumentException("a host route is a host name, an IP address or *.domain; got " + host);
        }
        Map<String, String> next = new HashMap<>(exact);
        next.put(key, profile);
        return new TlsClientRoutes(next, domains);
    }

    /** Drops every route to {@code profile}. */
    TlsClientRoutes without(String profile) {
        Map<String, String> e = new HashMap<>(exact);
        Map<String, String> d = new HashMap<>(domains);
        e.values().removeIf(profile::equals);
        d.values().removeIf(profile::equals);
        return new TlsClientRoutes(e, d);
    }

    /** The profile for {@code host}, empty for the transport-wide material. */
    Optional<String> select(String host) {
        String key = normalise(host);
        String found = exact.get(key);
        if (found != null) {
            return Optional.of(found);
        }
        // Walk up the labels: a.b.provider.example tries b.provider.example, provider.example, example.
        for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
            found = domains.get(key.substring(dot + 1));
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String host) {
        String h = Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
