package dev.lifeline.media.relay;

import java.net.InetSocketAddress;

/** Where the relay receives one leg's media: what that leg's SDP must announce. */
public record LegAddress(InetSocketAddress rtp, InetSocketAddress rtcp) {
}
