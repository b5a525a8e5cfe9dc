package dev.lifeline.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Sends the packet to the other leg's endpoint from the other leg's socket of the same kind:
 * symmetric RTP, so the endpoint's NAT sees replies come from where it sends.
 */
final class Forwarding implements Stage {

    private final RelayLeg to;
    private final Kind kind;
    private final LegCounters counters;

    Forwarding(RelayLeg to, Kind kind, LegCounters counters) {
        this.to = to;
        this.kind = kind;
        this.counters = counters;
    }

    @Override
    public RelayPacket process(RelayPacket p) {
        InetSocketAddress destination = to.destination(kind);
        if (destination == null || to.active == null) {
            return counters.drop(DropReason.NO_DESTINATION);
        }
        Channel out = to.active.channel(kind);
        counters.forwarded(kind);   // before the write, so the count is never behind what a peer has seen
        // The inbound handler releases the datagram after the chain; the write takes its own reference.
        out.writeAndFlush(new DatagramPacket(p.content.retain(), destination), out.voidPromise());
        return p;
    }
}
