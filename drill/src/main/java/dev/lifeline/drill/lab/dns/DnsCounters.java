package dev.lifeline.drill.lab.dns;

/**
 * What one resolver endpoint has seen so far. {@code queries} counts every datagram or TCP
 * message received; each lands in exactly one of the other counts but {@code tcp}.
 *
 * @param answered   answered NOERROR (records or NODATA)
 * @param nxDomain   answered NXDOMAIN
 * @param servFail   answered SERVFAIL (the fault)
 * @param refused    answered REFUSED (the fault, or a name outside the zone)
 * @param otherError answered FORMERR or NOTIMP
 * @param silent     read and not answered (the silent fault, or a response sent to us)
 * @param malformed  not a DNS message at all (FORMERR when it had a header, else dropped)
 * @param tcp        how many of {@code queries} came over TCP
 */
public record DnsCounters(long queries, long answered, long nxDomain, long servFail, long refused,
                          long otherError, long silent, long malformed, long tcp) {
}
