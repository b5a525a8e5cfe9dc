package dev.lifeline.gateway.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test JVM's resolver (installed through META-INF/services): the JDK's own for every name,
 * except the names a test says are down, whose lookups are recorded and hang as in a resolver
 * outage. It shows whether code asks DNS on a thread that must never wait for it.
 */
public final class RecordingResolverProvider extends InetAddressResolverProvider {

    /** How long a lookup of a stalled name hangs before it fails: longer than a test waits for an answer. */
    static final long STALL_MILLIS = 5_000;

    private static final Set<String> STALLED = ConcurrentHashMap.newKeySet();
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();

    /** From now on lookups of these names are recorded and hang. */
    static void stall(String... names) {
        STALLED.addAll(List.of(names));
    }

    /** The stalled names looked up since the last {@link #reset()}. */
    static List<String> asked() {
        return List.copyOf(ASKED);
    }

    static void reset() {
        STALLED.clear();
        ASKED.clear();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (STALLED.contains(host)) {
                    ASKED.add(host);
                    try {
                        TimeUnit.MILLISECONDS.sleep(STALL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new UnknownHostException(host + ": resolver down (test)");
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "lifeline test resolver";
    }
}
