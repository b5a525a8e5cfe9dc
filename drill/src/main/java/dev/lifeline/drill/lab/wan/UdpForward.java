package dev.lifeline.drill.lab.wan;

import java.net.InetSocketAddress;

/**
 * A UDP forward of an emulator: the gateway sends to {@code inside} (the address the lab DNS
 * gives the path's resolver for the provider target) and the emulator sends on to
 * {@code target} from a NAT mapping on its public address.
 *
 * @param inside the bound inside address (the actual port when 0 was asked for)
 * @param target the provider address the traffic goes to
 */
public record UdpForward(InetSocketAddress inside, InetSocketAddress target) {
}
