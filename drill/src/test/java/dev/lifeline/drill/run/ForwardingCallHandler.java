package dev.lifeline.drill.run;

import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.gateway.routing.TrunkCallMedia;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.transport.Target;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The production call handler, every call passed on: a misbehaving one overrides the one it changes. */
abstract class ForwardingCallHandler implements CallHandler {

    protected final CallHandler live;

    ForwardingCallHandler(CallHandler live) {
        this.live = live;
    }

    @Override
    public void onInvite(ServerRequest invite, Caller caller) {
        live.onInvite(invite, caller);
    }

    @Override
    public boolean onInDialog(ServerRequest request) {
        return live.onInDialog(request);
    }

    @Override
    public void moveTrunkCalls(String trunk, Target target, InetAddress media, Instant since) {
        live.moveTrunkCalls(trunk, target, media, since);
    }

    @Override
    public void refreshTrunkCalls(String trunk, String why) {
        live.refreshTrunkCalls(trunk, why);
    }

    @Override
    public void endTrunkCalls(String trunk, String why) {
        live.endTrunkCalls(trunk, why);
    }

    @Override
    public CompletionStage<List<TrunkCallMedia>> trunkCallMedia() {
        return live.trunkCallMedia();
    }

    @Override
    public List<CallInfo> activeCalls() {
        return live.activeCalls();
    }

    @Override
    public void close() {
        live.close();
    }
}
