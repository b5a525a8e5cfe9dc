/**
 * Faults the gateway injects into itself for a site drill (issue 11), off unless
 * {@code admin.faultInjection: true} and reachable only through the admin API with its token:
 * a WAN path cut (every socket of the gateway on the path's address drops what it sends and
 * receives: SIP, RTP, the path probes, the path's DNS queries) and a share of one call's media lost (that call only, by
 * Call-ID). Each fault has a deadline after which the gateway ends it by itself, so a drill that
 * loses its admin connection or is interrupted leaves nothing behind; the gate also ignores a
 * fault past its deadline, should the timer be late. {@link FaultBook} is the pure record of what
 * is active; {@link FaultInjector} is the edge (timers, events, the gates the sockets ask).
 */
package dev.lifeline.gateway.fault;
