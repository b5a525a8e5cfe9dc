package dev.lifeline.gateway.routing;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which local address the relay uses on each leg: the one the other party can reach. A phone
 * is reached on the LAN address its SIP arrived on; a trunk on the address of the WAN path in
 * use. The path manager supplies the second later; until then both are one address.
 */
public interface MediaAddresses {

    /** The relay's address for a phone whose SIP flow ends at {@code localSip} on this gateway. */
    InetAddress towardPhone(InetSocketAddress localSip);

    /** The relay's address for the provider of {@code trunk}. */
    InetAddress towardTrunk(String trunk);

    /** One address for every leg: a gateway on a single interface, and the tests. */
    static MediaAddresses fixed(InetAddress address) {
        return new MediaAddresses() {
            @Override
            public InetAddress towardPhone(InetSocketAddress localSip) {
                return address;
            }

            @Override
            public InetAddress towardTrunk(String trunk) {
                return address;
            }
        };
    }
}
