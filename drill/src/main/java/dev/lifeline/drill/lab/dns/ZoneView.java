package dev.lifeline.drill.lab.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One endpoint's view of the provider zone: the zone's origin and its records, immutable.
 * Changes make a new view ({@link #with}, {@link #without}, {@link #replacing}), which an
 * endpoint swaps in atomically, so a query is always answered from one consistent view.
 *
 * @param origin  the zone apex, absolute (e.g. {@code provider.test.})
 * @param records every record of the zone, SOA included; all inside the zone
 */
public record ZoneView(Name origin, List<Record> records) {

    /** SOA figures for a generated SOA: the negative-caching TTL (RFC 2308 §4) is short for drills. */
    private static final long SOA_TTL = 60;
    private static final long NEGATIVE_TTL = 30;

    public ZoneView {
        Objects.requireNonNull(origin, "origin");
        if (!origin.isAbsolute()) {
            throw new IllegalArgumentException("zone origin must be absolute (end with a dot): " + origin);
        }
        records = List.copyOf(records);
        for (Record r : records) {
            if (!r.getName().subdomain(origin)) {
                throw new IllegalArgumentException("record " + r + " is outside the zone " + origin);
            }
        }
        if (records.stream().noneMatch(r -> r.getType() == Type.SOA && r.getName().equals(origin))) {
            throw new IllegalArgumentException("zone " + origin + " has no SOA record at its apex (use ZoneView.of to add one)");
        }
    }

    /** A view of {@code records}, with a generated SOA at the apex when they carry none. */
    public static ZoneView of(Name origin, List<Record> records) {
        List<Record> all = new ArrayList<>(records);
        if (all.stream().noneMatch(r -> r.getType() == Type.SOA && r.getName().equals(origin))) {
            all.add(0, soa(origin));
        }
        return new ZoneView(origin, all);
    }

    /** A view with only the generated SOA: every name but the apex is NXDOMAIN. */
    public static ZoneView empty(Name origin) {
        return of(origin, List.of());
    }

    private static SOARecord soa(Name origin) {
        Name ns = Name.fromConstantString("ns." + origin);
        Name admin = Name.fromConstantString("hostmaster." + origin);
        return new SOARecord(origin, DClass.IN, SOA_TTL, ns, admin, 1, 3600, 600, 86400, NEGATIVE_TTL);
    }

    /** The records at {@code name} of {@code type}; every type for {@link Type#ANY}. */
    public List<Record> lookup(Name name, int type) {
        return records.stream()
                .filter(r -> r.getName().equals(name) && (type == Type.ANY || r.getType() == type))
                .toList();
    }

    /** Whether any record lives at {@code name} (NODATA rather than NXDOMAIN when the type is missing). */
    public boolean hasName(Name name) {
        // An empty non-terminal (e.g. _udp.provider.test. above _sip._udp...) exists too (RFC 8020).
        return records.stream().anyMatch(r -> r.getName().equals(name) || r.getName().subdomain(name));
    }

    public boolean contains(Name name) {
        return name.subdomain(origin);
    }

    public SOARecord soa() {
        return (SOARecord) lookup(origin, Type.SOA).get(0);
    }

    /** This view with {@code record} added. */
    public ZoneView with(Record record) {
        List<Record> all = new ArrayList<>(records);
        all.add(record);
        return new ZoneView(origin, all);
    }

    /** This view without the records at {@code name} of {@code type} (e.g. a missing SRV). */
    public ZoneView without(Name name, int type) {
        if (type == Type.SOA && name.equals(origin)) {
            throw new IllegalArgumentException("the apex SOA cannot be removed: negative answers need it");
        }
        return new ZoneView(origin, records.stream()
                .filter(r -> !(r.getName().equals(name) && (type == Type.ANY || r.getType() == type)))
                .toList());
    }

    /** This view with the records at {@code name} of {@code type} replaced (e.g. a wrong A). */
    public ZoneView replacing(Name name, int type, List<Record> replacement) {
        for (Record r : replacement) {
            if (!r.getName().equals(name) || r.getType() != type) {
                throw new IllegalArgumentException("replacement " + r + " is not a " + Type.string(type) + " record at " + name);
            }
        }
        List<Record> all = new ArrayList<>(without(name, type).records);
        all.addAll(replacement);
        return new ZoneView(origin, all);
    }

    /** The smallest TTL of the view's records, for drills that wait for caches to expire. */
    public Duration minimumTtl() {
        return Duration.ofSeconds(records.stream().mapToLong(Record::getTTL).min().orElse(0));
    }
}
