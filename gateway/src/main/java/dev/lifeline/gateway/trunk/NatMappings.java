package dev.lifeline.gateway.trunk;

import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.transport.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The public address each provider target last saw us from, per path: the {@code received} and
 * {@code rport} the provider put in the top Via of its answers (RFC 3261 §18.2.1, RFC 3581 §4).
 * When that address changes, the NAT in front of the path forgot or re-mapped us, and the
 * provider's registration binding points at a mapping that is gone: inbound calls stop arriving
 * until we register again from the new one (RFC 5626 §4.4.1 detects the same with STUN
 * keepalives; the provider's Via answers give it to us for free with every probe).
 *
 * <p>Immutable: {@link #observe} gives the next value and the change, if any. The first
 * observation of a (path, target) is the baseline, never a change.
 *
 * @param seen the last public address per (path, target), as "host:port"
 */
public record NatMappings(Map<Key, String> seen) {

    public static final NatMappings EMPTY = new NatMappings(Map.of());

    public NatMappings {
        seen = Map.copyOf(seen);
    }

    /** One provider target as reached over one path. */
    public record Key(String path, Target target) {

        public Key {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(target, "target");
        }
    }

    /** The provider at {@code target} sees us from {@code now} where it saw {@code was} before. */
    public record Change(String path, Target target, String was, String now) {

        /** e.g. "NAT mapping changed on wan1: provider now sees 127.0.0.31:40002 (was 127.0.0.31:39001)". */
        public String describe() {
            return "NAT mapping changed on " + path + ": provider now sees " + now + " (was " + was + ")";
        }
    }

    /** The next mappings and the change this observation revealed. */
    public record Step(NatMappings mappings, Optional<Change> change) {
    }

    /** Notes that the provider at {@code target}, reached over {@code path}, sees us from {@code publicAddress}. */
    public Step observe(String path, Target target, String publicAddress) {
        Objects.requireNonNull(publicAddress, "publicAddress");
        Key key = new Key(path, target);
        String was = seen.get(key);
        if (publicAddress.equals(was)) {
            return new Step(this, Optional.empty());
        }
        Map<Key, String> next = new LinkedHashMap<>(seen);
        next.put(key, publicAddress);
        Optional<Change> change = was == null ? Optional.empty() : Optional.of(new Change(path, target, was, publicAddress));
        return new Step(new NatMappings(next), change);
    }

    /**
     * The address the sender of a response saw our request come from, read from the top Via of
     * the response: {@code received} (else the sent-by host) and {@code rport} (else the sent-by
     * port), e.g. "203.0.113.7:40002". Empty when the provider stamped neither, so nothing is
     * known about the NAT.
     */
    public static Optional<String> publicAddress(Via via) {
        Optional<String> received = via.received().filter(r -> !r.isBlank());
        OptionalInt rport = via.rport();
        if (received.isEmpty() && rport.isEmpty()) {
            return Optional.empty();
        }
        String host = received.orElse(via.host());
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = rport.isPresent() ? rport.getAsInt() : via.port();
        return Optional.of(port < 0 ? host : host + ":" + port);
    }
}
