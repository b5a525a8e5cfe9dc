package dev.lifeline.gateway.trunk;

import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.uri.SipUri;
import java.util.Objects;

/**
 * Which way the trunk's signalling goes: where REGISTER and OPTIONS are sent, and the Contact
 * advertised, which must be an address on the same path so that the provider's requests come
 * back the way ours left. A WAN failover hands the trunk a new route (issue 4).
 *
 * @param target  the provider's resolved address and transport
 * @param contact our Contact, e.g. {@code sip:site1@192.0.2.10:5060}
 */
public record TrunkRoute(Target target, SipUri contact) {

    public TrunkRoute {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(contact, "contact");
    }

    /** The stack's own listen point for the target's transport as the Contact. */
    public static TrunkRoute viaListenPoint(SipStack stack, String user, Target target) {
        return new TrunkRoute(target, stack.localUri(user, target.transport()));
    }
}
