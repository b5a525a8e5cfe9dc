package dev.lifeline.gateway.routing;

import dev.lifeline.sip.stack.ServerRequest;

/**
 * What the gateway's edge hands calls to once it has screened and authenticated the sender.
 * Implemented by the B2BUA.
 */
public interface CallHandler extends AutoCloseable {

    /** A dialog-creating INVITE from an authenticated extension or from a trunk's provider. */
    void onInvite(ServerRequest invite, Caller caller);

    /**
     * An in-dialog request (To tag present: BYE, re-INVITE, ACK, UPDATE, INFO…) or a CANCEL.
     * Returns false when it belongs to no call this handler knows; the edge then answers 481.
     */
    boolean onInDialog(ServerRequest request);

    /**
     * The WAN path under a trunk changed: every answered call with that trunk's provider moves its
     * provider-side signalling to {@code target} and its provider-side media to {@code media}
     * (a re-INVITE offering the relay's new address), so audio resumes over the new path.
     * Internal calls are untouched. Returns at once; each moved call reports a
     * {@code CallMediaMoved} event timed from {@code since}.
     */
    default void moveTrunkCalls(String trunk, dev.lifeline.sip.transport.Target target, java.net.InetAddress media,
                                java.time.Instant since) {
    }

    /**
     * The NAT in front of a trunk's path gave us a new public address ({@code why}): every
     * answered call with that trunk's provider sends it a re-INVITE (same target, same media) so
     * that the provider's dialog learns the new address from it, and its BYE or re-INVITE
     * reaches us instead of the mapping that is gone. Returns at once.
     */
    default void refreshTrunkCalls(String trunk, String why) {
    }

    /**
     * Hangs up every answered call with {@code trunk}'s provider (BYE both ways), saying
     * {@code why} in the call record. Not what a path change does — calls move — but what an
     * operator may ask for, and what a gateway that cannot move calls would do.
     */
    default void endTrunkCalls(String trunk, String why) {
    }

    /** The media of every answered call with a provider, for the paths' media watch. */
    default java.util.concurrent.CompletionStage<java.util.List<TrunkCallMedia>> trunkCallMedia() {
        return java.util.concurrent.CompletableFuture.completedFuture(java.util.List.of());
    }

    /**
     * Media relay port pairs held now on each local address the relay anchors calls on (the LAN
     * address and each WAN path's), for metrics; empty when this handler relays no media.
     */
    default java.util.Map<java.net.InetAddress, Integer> relayPairsInUse() {
        return java.util.Map.of();
    }

    /**
     * Routes new calls by {@code next}'s dial plan, extensions, groups and DIDs from now on; calls
     * already set up keep their legs. A handler that does not route ignores it.
     */
    default void reconfigure(dev.lifeline.gateway.config.SiteConfig next) {
    }

    /** Active calls, for status and the admin API. */
    java.util.List<CallInfo> activeCalls();

    /** Sets the gate the media relay's sockets ask for each packet (an injected fault closes it); ignored without a relay. */
    default void gateMedia(dev.lifeline.media.relay.MediaGate gate) {
    }

    @Override
    void close();
}
