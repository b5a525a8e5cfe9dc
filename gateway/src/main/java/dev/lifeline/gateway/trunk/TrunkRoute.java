package dev.lifeline.gateway.trunk;

import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.uri.SipUri;
import java.util.List;
import java.util.Objects;

/**
 * Which way the trunk's signalling goes: where REGISTER and OPTIONS are sent, and the Contact
 * advertised, which must be an address on the same path so that the provider's requests come
 * back the way ours left. A WAN failover hands the trunk a new route.
 *
 * @param target     the provider's resolved address and transport (sent from the path's address
 *                   when the target names a source)
 * @param contact    our Contact, e.g. {@code sip:site1@192.0.2.10:5060}
 * @param alternates further provider targets in RFC 3263 order (the next SRV targets), tried in
 *                   turn when the first times out, fails to connect or answers 503
 */
public record TrunkRoute(Target target, SipUri contact, List<Target> alternates) {

    public TrunkRoute {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(contact, "contact");
        alternates = List.copyOf(alternates);
    }

    public TrunkRoute(Target target, SipUri contact) {
        this(target, contact, List.of());
    }

    /** Every target in the order to try: {@link #target()} first. */
    public List<Target> targets() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(target), alternates.stream()).toList();
    }

    /** The same route with {@code first} tried first from now on (it answered when the first did not). */
    public TrunkRoute preferring(Target first) {
        if (first.equals(target) || !alternates.contains(first)) {
            return this;
        }
        List<Target> rest = targets().stream().filter(t -> !t.equals(first)).toList();
        return new TrunkRoute(first, contact, rest);
    }

    /** A target as events and logs name it: "udp 203.0.113.5:5060". */
    public static String describe(Target target) {
        return dev.lifeline.gateway.routing.TrunkDirectory.TrunkRoute.describe(target);
    }

    /** The stack's own listen point for the target's transport as the Contact. */
    public static TrunkRoute viaListenPoint(SipStack stack, String user, Target target) {
        return new TrunkRoute(target, stack.localUri(user, target.transport()));
    }
}
