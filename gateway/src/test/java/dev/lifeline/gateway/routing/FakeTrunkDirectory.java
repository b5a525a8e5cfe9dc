package dev.lifeline.gateway.routing;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Trunks the test declares reachable (with where they are) or down (with why). */
public final class FakeTrunkDirectory implements TrunkDirectory {

    private final Map<String, TrunkRoute> up = new ConcurrentHashMap<>();
    private final Map<String, String> down = new ConcurrentHashMap<>();

    public FakeTrunkDirectory up(String name, InetSocketAddress provider, Optional<DigestClient> credentials) {
        down.remove(name);
        up.put(name, new TrunkRoute(name, Target.of(Transport.UDP, provider), "provider.example", credentials));
        return this;
    }

    /** A trunk whose provider has several targets (RFC 3263 order): the first, then the alternates. */
    public FakeTrunkDirectory up(String name, List<InetSocketAddress> targets, Optional<DigestClient> credentials) {
        down.remove(name);
        List<Target> all = targets.stream().map(t -> Target.of(Transport.UDP, t)).toList();
        up.put(name, new TrunkRoute(name, all.get(0), "provider.example", credentials, all.subList(1, all.size())));
        return this;
    }

    public FakeTrunkDirectory up(String name) {
        return up(name, new InetSocketAddress("127.0.0.1", 5070), Optional.empty());
    }

    public FakeTrunkDirectory down(String name, String why) {
        up.remove(name);
        down.put(name, why);
        return this;
    }

    @Override
    public Optional<TrunkRoute> reachable(String trunkName) {
        return Optional.ofNullable(up.get(trunkName));
    }

    @Override
    public String whyUnreachable(String trunkName) {
        return "trunk " + trunkName + ": " + down.getOrDefault(trunkName, up.containsKey(trunkName) ? "reachable" : "unknown");
    }
}
