/**
 * A lean registration storm: thousands of simulated phones over a few raw UDP sockets register
 * with digest (RFC 3261 §10, RFC 8760) to any registrar at host:port, speaking plain SIP only —
 * the drill lab's {@code registrationStorm} and the {@code lifeline bench registrations} load
 * against the gateway and its peers (Kamailio). Each phone resends an unanswered request as a
 * phone does (T1 doubling to T2), backs off after a 503 (Retry-After), and can ask the registrar
 * for its bindings (§10.2.3). Latencies are observed by the phones; the target's CPU is read from
 * /proc when its process is known. Every run is bounded in count and time.
 */
package dev.lifeline.drill.lab.storm;
