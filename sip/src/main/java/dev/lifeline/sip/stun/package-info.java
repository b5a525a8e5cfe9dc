/**
 * STUN Binding (RFC 8489) as SIP endpoints use it: the keepalive and reachability check of SIP
 * Outbound (RFC 5626 §4.4.2 and §8.4), demultiplexed from SIP on the same UDP port by its first
 * two bits and magic cookie (RFC 7983's rule). Only Binding requests and success responses with
 * XOR-MAPPED-ADDRESS and FINGERPRINT: no authentication, no other methods; a gateway and a SIP
 * server need no more to answer a keepalive or to check that a path carries packets both ways.
 */
package dev.lifeline.sip.stun;
