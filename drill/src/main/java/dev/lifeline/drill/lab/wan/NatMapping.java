package dev.lifeline.drill.lab.wan;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A snapshot of one live NAT mapping.
 *
 * @param inside      the inside source (the gateway's path address and port)
 * @param outside     the public address the provider sees
 * @param lastRefresh when traffic last kept it alive
 * @param fixed       a configured static mapping (never expires, survives a port change,
 *                    admits any remote)
 */
public record NatMapping(InetSocketAddress inside, InetSocketAddress outside, Instant lastRefresh,
                         boolean fixed) {
}
