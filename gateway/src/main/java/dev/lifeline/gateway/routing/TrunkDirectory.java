package dev.lifeline.gateway.routing;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.transport.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The trunks as routing sees them: which are reachable now and how to send to each. */
public interface TrunkDirectory {

    /** The route to a trunk when it is reachable now (registered or answering OPTIONS); empty otherwise. */
    Optional<TrunkRoute> reachable(String trunkName);

    /** Why a trunk is not reachable, for the Reason/Warning of a 503 (e.g. "trunk provider: registration failing: timeout"). */
    String whyUnreachable(String trunkName);

    /**
     * Every trunk {@code config} names, reachable at a placeholder address: for asking the router
     * what it would do with a call (preflight, change control), never for sending.
     */
    static TrunkDirectory everyConfigured(dev.lifeline.gateway.config.SiteConfig config) {
        return new TrunkDirectory() {
            @Override
            public Optional<TrunkRoute> reachable(String trunkName) {
                return config.trunk(trunkName).map(t -> new TrunkRoute(t.name(), Target.of(
                        dev.lifeline.sip.transport.Transport.UDP,
                        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 5060)),
                        t.provider().host(), Optional.empty()));
            }

            @Override
            public String whyUnreachable(String trunkName) {
                return "trunk " + trunkName + " is not configured";
            }
        };
    }

    /**
     * How to reach a trunk's provider.
     *
     * @param name        trunk name
     * @param target      where to send first (transport, address)
     * @param domain      the provider domain or host used in Request-URIs and To/From
     * @param credentials digest client answering the provider's 401/407 (empty for IP-authenticated trunks)
     * @param alternates  the provider's further targets in RFC 3263 order (the next SRV targets): an
     *                    INVITE goes to the next when the previous times out, fails to connect or
     *                    answers 503 before ringing (§4.3)
     */
    record TrunkRoute(String name, Target target, String domain, Optional<DigestClient> credentials,
                      List<Target> alternates) {

        public TrunkRoute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(credentials, "credentials");
            alternates = List.copyOf(alternates);
        }

        /** A route with a single target. */
        public TrunkRoute(String name, Target target, String domain, Optional<DigestClient> credentials) {
            this(name, target, domain, credentials, List.of());
        }

        /** Every target in the order to try: {@link #target()} first. */
        public List<Target> targets() {
            List<Target> all = new ArrayList<>(alternates.size() + 1);
            all.add(target);
            all.addAll(alternates);
            return List.copyOf(all);
        }

        /** A target as events and logs name it: "udp 203.0.113.5:5060". */
        public static String describe(Target target) {
            String ip = target.remote().getAddress().getHostAddress();
            return target.transport().name().toLowerCase(Locale.ROOT) + " "
                    + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + target.remote().getPort();
        }
    }
}
