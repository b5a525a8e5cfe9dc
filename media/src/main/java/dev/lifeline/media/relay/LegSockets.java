package dev.lifeline.media.relay;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One bound RTP/RTCP pair of a leg. */
record LegSockets(InetAddress local, int rtpPort, Channel rtp, Channel rtcp) {

    LegAddress address() {
        return new LegAddress(new InetSocketAddress(local, rtpPort), new InetSocketAddress(local, rtpPort + 1));
    }

    Channel channel(Kind kind) {
        return kind == Kind.RTP ? rtp : rtcp;
    }
}
