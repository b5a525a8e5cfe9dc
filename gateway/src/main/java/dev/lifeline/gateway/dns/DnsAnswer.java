package dev.lifeline.gateway.dns;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/**
 * The answer to one lookup on one path: the records of the asked type (CNAMEs followed), or a
 * negative answer. NXDOMAIN and NODATA are answers, not failures (RFC 2308).
 *
 * @param name    the name asked, lower case, without the trailing dot
 * @param records the records of {@code type}; empty for a negative answer
 * @param expires when the answer's TTL runs out (for a stale answer: the stale TTL)
 * @param stale   true when served from cache past its TTL because every resolver failed (RFC 8767)
 */
public record DnsAnswer(String name, RecordType type, Kind kind, List<Record> records, Instant expires,
                        boolean stale) {

    /** What kind of answer it is. */
    public enum Kind {
        /** Records of the asked type. */
        RECORDS,
        /** The name does not exist (RCODE 3). */
        NXDOMAIN,
        /** The name exists but has no record of this type. */
        NODATA
    }

    public DnsAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        records = List.copyOf(records);
        Objects.requireNonNull(expires, "expires");
    }

    /** True for NXDOMAIN and NODATA. */
    public boolean isNegative() {
        return kind != Kind.RECORDS;
    }

    /** The SRV records' data, as the answer listed them. */
    public List<SrvRecord> srv() {
        return records.stream().filter(SRVRecord.class::isInstance).map(SRVRecord.class::cast)
                .map(r -> new SrvRecord(r.getPriority(), r.getWeight(), r.getPort(), r.getTarget().toString()))
                .toList();
    }

    /** The NAPTR records, as the answer listed them. */
    public List<NAPTRRecord> naptr() {
        return records.stream().filter(NAPTRRecord.class::isInstance).map(NAPTRRecord.class::cast).toList();
    }

    /** The addresses of the A or AAAA records, as the answer listed them. */
    public List<InetAddress> addresses() {
        return records.stream().<InetAddress>mapMulti((r, out) -> {
            if (r instanceof ARecord a) {
                out.accept(a.getAddress());
            } else if (r instanceof AAAARecord aaaa) {
                out.accept(aaaa.getAddress());
            }
        }).toList();
    }

    DnsAnswer asStale(Instant until) {
        return new DnsAnswer(name, type, kind, records, until, true);
    }

    @Override
    public String toString() {
        return name + " " + type + (isNegative() ? " " + kind : " " + records.size() + " record(s)")
                + (stale ? " (stale)" : "") + " until " + expires;
    }
}
