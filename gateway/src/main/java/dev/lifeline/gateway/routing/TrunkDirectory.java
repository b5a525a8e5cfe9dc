package dev.lifeline.gateway.routing;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.transport.Target;
import java.util.Optional;

/** The trunks as routing sees them: which are reachable now and how to send to each. */
public interface TrunkDirectory {

    /** The route to a trunk when it is reachable now (registered or answering OPTIONS); empty otherwise. */
    Optional<TrunkRoute> reachable(String trunkName);

    /** Why a trunk is not reachable, for the Reason/Warning of a 503 (e.g. "trunk provider: registration failing: timeout"). */
    String whyUnreachable(String trunkName);

    /**
     * How to reach a trunk's provider.
     *
     * @param name        trunk name
     * @param target      where to send (transport, address)
     * @param domain      the provider domain or host used in Request-URIs and To/From
     * @param credentials digest client answering the provider's 401/407 (empty for IP-authenticated trunks)
     */
    record TrunkRoute(String name, Target target, String domain, Optional<DigestClient> credentials) {
    }
}
