package dev.lifeline.gateway;

import dev.lifeline.gateway.calls.SqliteCallRecordStore;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.MediaSettings;
import dev.lifeline.gateway.routing.B2bua;
import dev.lifeline.gateway.routing.B2buaSettings;
import dev.lifeline.gateway.routing.CallHandler;
import dev.lifeline.gateway.routing.CallInfo;
import dev.lifeline.gateway.routing.CallRouter;
import dev.lifeline.gateway.routing.Caller;
import dev.lifeline.gateway.routing.MediaAddresses;
import dev.lifeline.media.relay.NettyMediaRelay;
import dev.lifeline.media.relay.PortRange;
import dev.lifeline.media.relay.RelayConfig;
import dev.lifeline.sip.stack.ServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * The production call handler: the B2BUA routing by the dial plan, anchoring every call's
 * media in a relay on the configured RTP port range, writing call records to the gateway's
 * database. Closing hangs up the calls, then releases the relay's ports.
 */
final class LiveCalls implements CallHandler {

    private final B2bua b2bua;
    private final NettyMediaRelay relay;
    /** Where the relay may hold ports: the LAN media address and each WAN path's. */
    private final List<InetAddress> relayAddresses;

    private LiveCalls(B2bua b2bua, NettyMediaRelay relay, List<InetAddress> relayAddresses) {
        this.b2bua = b2bua;
        this.relay = relay;
        this.relayAddresses = relayAddresses;
    }

    static LiveCalls create(GatewayContext context, Trunks trunks) {
        return create(context, trunks, media(mediaAddress(context.config().listen()), context.paths()));
    }

    /** As {@link #create(GatewayContext, Trunks)}, the relay anchoring media on {@code addresses}. */
    static LiveCalls create(GatewayContext context, Trunks trunks, MediaAddresses addresses) {
        MediaSettings media = context.config().media();
        NettyMediaRelay relay = new NettyMediaRelay(RelayConfig.defaults(new PortRange(media.rtpPortMin(), media.rtpPortMax()))
                .withDscp(media.dscp())
                .withDevices(dev.lifeline.gateway.path.PathDevices.byAddress(context.config().paths())));
        B2bua.Services services = new B2bua.Services(context.stack(), context.locations(), trunks.directory(), relay,
                addresses, context.events(),
                new SqliteCallRecordStore(context.database()), context.clock());
        return new LiveCalls(new B2bua(new CallRouter(context.config()), services, new B2buaSettings(Duration.ofMinutes(2),
                context.config().signalling().targetTimeout())),
                relay, relayAddresses(addresses, context));
    }

    private static List<InetAddress> relayAddresses(MediaAddresses addresses, GatewayContext context) {
        java.util.LinkedHashSet<InetAddress> all = new java.util.LinkedHashSet<>();
        InetAddress lan = mediaAddress(context.config().listen());
        all.add(addresses.towardPhone(new java.net.InetSocketAddress(lan, 0)));
        context.config().trunks().forEach(t -> all.add(addresses.towardTrunk(t.name())));
        context.config().paths().forEach(p -> all.add(p.bind()));
        return List.copyOf(all);
    }

    @Override
    public java.util.Map<InetAddress, Integer> relayPairsInUse() {
        java.util.Map<InetAddress, Integer> out = new java.util.LinkedHashMap<>();
        relayAddresses.forEach(a -> out.put(a, relay.pairsInUse(a)));
        return out;
    }

    /** Phones' media on the LAN address; providers' on the active WAN path's address (the LAN one without paths). */
    private static MediaAddresses media(InetAddress lan, LivePaths paths) {
        return new MediaAddresses() {
            @Override
            public InetAddress towardPhone(java.net.InetSocketAddress localSip) {
                return lan;
            }

            @Override
            public InetAddress towardTrunk(String trunk) {
                return paths.mediaAddress(lan);
            }
        };
    }

    /** Media is anchored on the first listen address (a wildcard listener anchors on loopback until paths pick). */
    private static InetAddress mediaAddress(List<Listener> listeners) {
        String host = listeners.get(0).address().host();
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("listen address " + host + " does not resolve: " + e.getMessage(), e);
        }
    }

    @Override
    public void onInvite(ServerRequest invite, Caller caller) {
        b2bua.onInvite(invite, caller);
    }

    @Override
    public boolean onInDialog(ServerRequest request) {
        return b2bua.onInDialog(request);
    }

    @Override
    public void moveTrunkCalls(String trunk, dev.lifeline.sip.transport.Target target, InetAddress media,
                               java.time.Instant since) {
        b2bua.moveTrunkCalls(trunk, target, media, since);
    }

    @Override
    public void reconfigure(dev.lifeline.gateway.config.SiteConfig next) {
        b2bua.reconfigure(next);
    }

    @Override
    public void endTrunkCalls(String trunk, String why) {
        b2bua.endTrunkCalls(trunk, why);
    }

    @Override
    public void refreshTrunkCalls(String trunk, String why) {
        b2bua.refreshTrunkCalls(trunk, why);
    }

    @Override
    public java.util.concurrent.CompletionStage<List<dev.lifeline.gateway.routing.TrunkCallMedia>> trunkCallMedia() {
        return b2bua.trunkCallMedia();
    }

    @Override
    public void gateMedia(dev.lifeline.media.relay.MediaGate gate) {
        relay.gate(gate);
    }

    @Override
    public List<CallInfo> activeCalls() {
        return b2bua.activeCalls();
    }

    @Override
    public void close() {
        b2bua.close();
        relay.close();
    }
}
