package dev.lifeline.drill.lab.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lab's authoritative DNS server for the provider zone: one {@link ResolverEndpoint} per
 * WAN path, each with its own view (split horizon). Add endpoints, hand each path's
 * {@link ResolverEndpoint#address()} to the gateway as that path's resolver, and change views
 * and faults while a drill runs.
 *
 * <pre>{@code
 * try (LabDns dns = new LabDns()) {
 *     ResolverEndpoint wan1 = dns.addEndpoint("wan1", new InetSocketAddress("127.0.0.21", 0),
 *             ProviderZone.view("provider.test", List.of(ZoneTarget.udp("sip1", relay1, 5060)), Duration.ofSeconds(30)));
 *     wan1.setFault(DnsFault.SERVFAIL);
 * }
 * }</pre>
 */
public final class LabDns implements AutoCloseable {

    private final Map<String, ResolverEndpoint> endpoints = new LinkedHashMap<>();

    /**
     * Opens a resolver endpoint for {@code path} on {@code bind} answering from {@code view}.
     *
     * @throws IllegalArgumentException when the path already has one
     * @throws IOException              when the address cannot be bound
     */
    public synchronized ResolverEndpoint addEndpoint(String path, InetSocketAddress bind, ZoneView view) throws IOException {
        Objects.requireNonNull(path, "path");
        if (endpoints.containsKey(path)) {
            throw new IllegalArgumentException("path " + path + " already has a DNS endpoint at " + endpoints.get(path).address());
        }
        ResolverEndpoint endpoint = ResolverEndpoint.open(path, bind, view);
        endpoints.put(path, endpoint);
        return endpoint;
    }

    /** The endpoint of {@code path}; fails naming the known paths. */
    public synchronized ResolverEndpoint endpoint(String path) {
        ResolverEndpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            throw new IllegalArgumentException("no DNS endpoint for path " + path + " (known: " + endpoints.keySet() + ")");
        }
        return endpoint;
    }

    public synchronized List<ResolverEndpoint> endpoints() {
        return List.copyOf(endpoints.values());
    }

    /** Sets the same fault on every endpoint (e.g. all resolvers down). */
    public synchronized void setFaultEverywhere(DnsFault fault) {
        endpoints.values().forEach(e -> e.setFault(fault));
    }

    @Override
    public synchronized void close() {
        Collection<ResolverEndpoint> all = endpoints.values();
        all.forEach(ResolverEndpoint::close);
        endpoints.clear();
    }
}
