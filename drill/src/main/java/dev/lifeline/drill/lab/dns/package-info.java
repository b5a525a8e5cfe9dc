/**
 * The lab's DNS: an authoritative server for the provider's zone with one resolver endpoint per
 * WAN path, each its own UDP and TCP socket on its own loopback address (split horizon: each
 * endpoint answers from its own {@link dev.lifeline.drill.lab.dns.ZoneView}, so the path's
 * resolver returns that path's WAN-emulator address for the provider's targets).
 *
 * <p>Answers follow RFC 1034 §4.3.2 and RFC 2308 for an authoritative server without
 * delegations or CNAMEs: records of the asked type (AA set), NODATA or NXDOMAIN with the zone's
 * SOA in the authority section (negative TTL = min(SOA TTL, SOA minimum)), REFUSED for names
 * outside the zone, NOTIMP for opcodes other than QUERY, FORMERR for a query without a
 * question. Additional records as RFC 3263 resolvers use them: a NAPTR answer brings the SRV
 * records of its replacement and their addresses, an SRV answer the addresses of its targets
 * (RFC 2782). UDP answers are truncated (TC) at 512 bytes or the query's EDNS payload size
 * (RFC 6891); TCP uses the 2-byte length framing of RFC 1035 §4.2.2.
 *
 * <p>Runtime faults per endpoint ({@link dev.lifeline.drill.lab.dns.DnsFault}): silent, SERVFAIL,
 * REFUSED; records are removed or replaced by swapping the endpoint's view. Every endpoint
 * counts its queries.
 *
 * <p>Why hand-written: dnsjava (a dependency) provides the message codec and record types; what
 * is here is the answering rule ({@link dev.lifeline.drill.lab.dns.ZoneAnswerer}, a pure
 * function) and thin socket loops. No embeddable Java DNS server offers split views with
 * runtime faults, and a real one (BIND, unbound) would need root and processes outside the JVM.
 */
package dev.lifeline.drill.lab.dns;
