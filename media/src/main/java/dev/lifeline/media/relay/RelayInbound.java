package dev.lifeline.media.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.time.Instant;
import java.time.InstantSource;

/** The thin edge: a datagram in, the leg's stage chain run on it, the buffer released after. */
final class RelayInbound extends SimpleChannelInboundHandler<DatagramPacket> {

    private final NettyRelaySession session;
    private final RelayLeg leg;
    private final Kind kind;
    private final InstantSource clock;
    private final RelayPacket holder = new RelayPacket();

    RelayInbound(NettyRelaySession session, RelayLeg leg, Kind kind, InstantSource clock) {
        this.session = session;
        this.leg = leg;
        this.kind = kind;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        if (session.isClosed()) {
            leg.counters.drop(DropReason.CLOSED);
            return;
        }
        Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Stage.run(leg.chain(ctx.channel(), kind), holder.fill(datagram.content(), datagram.sender(), nanos));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable from an endpoint that stopped listening surfaces here on some
        // platforms; UDP media carries on regardless, so there is nothing to do.
    }
}
