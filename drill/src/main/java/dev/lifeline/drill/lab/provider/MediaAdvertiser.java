package dev.lifeline.drill.lab.provider;

import java.net.InetSocketAddress;

/**
 * Which RTP address the provider writes into its SDP for a call, given where the site's
 * signalling came from. The lab uses it to route media through the WAN emulator of the path
 * the call's signalling took: the site's packets come from that path's NAT address, and the
 * provider answers with the emulator's forward to its RTP socket, as a real site reaches a
 * provider's media address only through the link its packets leave on.
 */
@FunctionalInterface
public interface MediaAdvertiser {

    /**
     * @param site  the site's address as the provider sees it (a path's NAT address)
     * @param local the provider's own RTP socket for the call
     * @return the address to put in the SDP
     */
    InetSocketAddress advertise(InetSocketAddress site, InetSocketAddress local);

    /** The provider's own RTP address, unchanged. */
    MediaAdvertiser DIRECT = (site, local) -> local;
}
