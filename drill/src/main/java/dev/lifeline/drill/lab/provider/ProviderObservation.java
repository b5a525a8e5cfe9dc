package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * What the provider saw or did, with when and from where: the drills read these to measure from
 * the provider's side (e.g. registration recovery = the {@link RegisterAccepted} of the first
 * REGISTER that arrived from the new path's address after the failure began).
 * {@code source} is the remote address the message came from.
 */
public sealed interface ProviderObservation {

    Instant at();

    /** The provider target it happened on. */
    String target();

    /** A REGISTER with valid credentials was answered 200; {@code at} is when the 200 went out. */
    record RegisterAccepted(Instant at, String target, Transport transport, InetSocketAddress source, String callId,
                            List<String> contacts, int expires) implements ProviderObservation {
        public RegisterAccepted {
            contacts = List.copyOf(contacts);
        }
    }

    /** A REGISTER was answered 401: no credentials, stale nonce or refused ones ({@code reason}). */
    record RegisterChallenged(Instant at, String target, Transport transport, InetSocketAddress source, String callId,
                              String reason) implements ProviderObservation {
    }

    /** A request was answered with the target's fault status (503, 408…). */
    record RequestRefused(Instant at, String target, InetSocketAddress source, String method, int status)
            implements ProviderObservation {
    }

    record OptionsAnswered(Instant at, String target, InetSocketAddress source) implements ProviderObservation {
    }

    /** A new INVITE from the site to {@code number} arrived. */
    record InviteReceived(Instant at, String target, InetSocketAddress source, String callId, String number)
            implements ProviderObservation {
    }

    /** The provider answered 200 (a call from the site) or got a 200 (a call to the site). */
    record CallAnswered(Instant at, String target, String callId, String number, InetSocketAddress mediaTo)
            implements ProviderObservation {
    }

    /** A re-INVITE changed where the call's media goes (how a path failover moves media). */
    record MediaMoved(Instant at, String target, InetSocketAddress source, String callId, InetSocketAddress from,
                      InetSocketAddress to) implements ProviderObservation {
    }

    record ByeReceived(Instant at, String target, InetSocketAddress source, String callId) implements ProviderObservation {
    }

    /** A call ended: "bye from site", "bye from provider", "cancelled", "target dropped", "rejected 486"… */
    record CallEnded(Instant at, String target, String callId, String reason) implements ProviderObservation {
    }

    /** The provider sent an INVITE to the site's DID. */
    record InboundCallPlaced(Instant at, String target, String callId, String did, String callerId,
                             InetSocketAddress destination) implements ProviderObservation {
    }

    /** The site's final answer to an inbound call; status 0 when none came (timeout or transport error). */
    record InboundCallAnswered(Instant at, String target, String callId, int status, String reason)
            implements ProviderObservation {
    }

    record FaultChanged(Instant at, String target, ProviderFault fault) implements ProviderObservation {
    }
}
