/**
 * Gateway load tests for {@code lifeline bench registrations} and {@code lifeline bench calls}:
 * a real {@link dev.lifeline.gateway.Gateway} on 127.0.0.1 loaded over real UDP sockets,
 * every load bounded in count and time, each printed beside a peer measured in the same run
 * (the same gateway on a memory location store; the same calls straight between the phones).
 * With {@code --target} the REGISTER generator ({@link dev.lifeline.drill.lab.storm.RegisterStorm})
 * loads registrars running as their own processes instead — the gateway and Kamailio, see
 * {@code bench/kamailio/run} — and reads their CPU from /proc.
 * Registrations follow RFC 3261 §10 with digest (RFC 8760), queries §10.2.3; calls carry RTP
 * (RFC 3550) as 20 ms PCMU packets.
 */
package dev.lifeline.bench.load;
