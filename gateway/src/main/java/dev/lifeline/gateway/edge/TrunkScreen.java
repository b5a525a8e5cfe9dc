package dev.lifeline.gateway.edge;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Which trunk's provider, if any, a request came from. Provider requests are trusted by source
 * address (the provider does not answer digest challenges for calls it sends us), so this is
 * the only gate in front of inbound calls: it must match the provider's real addresses only.
 */
@FunctionalInterface
public interface TrunkScreen {

    /** The trunk whose provider sent from {@code source}, or empty for anyone else (phones). */
    Optional<String> trunkFor(InetSocketAddress source);

    /** No trunks: every request is a phone's. */
    static TrunkScreen none() {
        return source -> Optional.empty();
    }
}
