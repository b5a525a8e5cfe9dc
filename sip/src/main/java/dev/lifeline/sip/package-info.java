/**
 * Lifeline's SIP core: message model and codec (RFC 3261 §7, §25; RFC 4475 robustness),
 * transports (RFC 3261 §18, RFC 3581, RFC 5626 §4.4.1), transactions (RFC 3261 §17) and
 * digest authentication (RFC 3261 §22, RFC 7616, RFC 8760). Written here rather than taken
 * from a library because it is the product's core: it must be fast under a registration
 * storm and must turn any byte sequence into a message or a reasoned rejection.
 */
package dev.lifeline.sip;
