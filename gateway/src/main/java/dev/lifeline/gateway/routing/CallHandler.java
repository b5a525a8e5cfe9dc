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

    /** Active calls, for status and the admin API. */
    java.util.List<CallInfo> activeCalls();

    @Override
    void close();
}
