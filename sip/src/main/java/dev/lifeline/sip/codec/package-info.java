/**
 * Turning bytes into SIP messages and back: the message parser (RFC 3261 §7, §25 grammar; RFC
 * 4475 torture cases), stream framing by Content-Length (RFC 3261 §18.3) with RFC 5626 §4.4.1
 * CRLF keepalives, and the limits that bound memory and time for any input: the stream framer
 * resumes where it stopped, so a message in many small reads is scanned once, and a message on
 * an accepted stream may be given a deadline from its first byte (against slowloris). Written here because
 * the parser is the gateway's first line of defence: every byte sequence must become a message
 * or a reasoned rejection without an exception, and it must outrun the JAIN-SIP reference
 * implementation it replaces. Netty types stay in the transport decoders; this package works on
 * plain byte arrays.
 */
package dev.lifeline.sip.codec;
