package dev.lifeline.gateway;

import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.sip.stack.ServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A call handler that records who called and answers 480, standing in for the B2BUA. */
public final class RecordingCallHandler implements CallHandler {

    public record Invite(ServerRequest request, Caller caller) {
    }

    public final List<Invite> invites = new CopyOnWriteArrayList<>();
    public final List<ServerRequest> inDialog = new CopyOnWriteArrayList<>();

    @Override
    public void onInvite(ServerRequest invite, Caller caller) {
        invites.add(new Invite(invite, caller));
        invite.respond(480, "Temporarily Unavailable");
    }

    @Override
    public boolean onInDialog(ServerRequest request) {
        inDialog.add(request);
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
