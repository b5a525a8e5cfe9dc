package dev.lifeline.gateway;

import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.sip.stack.ServerRequest;
import java.util.List;

/**
 * The call handler used until a B2BUA is plugged in: every new call is answered 480 (the callee
 * is "temporarily unavailable" rather than the request being wrong), and no dialog is known.
 */
public final class UnroutedCalls implements CallHandler {

    @Override
    public void onInvite(ServerRequest invite, Caller caller) {
        invite.respond(480, "Temporarily Unavailable (calls not yet routed)");
    }

    @Override
    public boolean onInDialog(ServerRequest request) {
        return false;
    }

    @Override
    public List<CallInfo> activeCalls() {
        return List.of();
    }

    @Override
    public void close() {
    }
}
