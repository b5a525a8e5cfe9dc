package dev.lifeline.drill.lab.dns;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * Builds the usual provider zone as RFC 3263 resolution walks it: NAPTR at the domain
 * ({@code SIP+D2U} → {@code _sip._udp}, {@code SIP+D2T} → {@code _sip._tcp} when a target offers
 * TCP, {@code SIPS+D2T} → {@code _sips._tcp} when one offers TLS), SRV per target, A or AAAA per
 * target host. One call per path gives that path's view.
 */
public final class ProviderZone {

    private ProviderZone() {
    }

    /**
     * The view of {@code domain} listing {@code targets}, every record with {@code ttl}.
     *
     * @param domain e.g. "provider.test" (a trailing dot is optional)
     */
    public static ZoneView view(String domain, List<ZoneTarget> targets, Duration ttl) {
        Objects.requireNonNull(targets, "targets");
        Name origin = absolute(domain);
        long seconds = ttl.toSeconds();
        if (seconds < 0) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        Name udp = name("_sip._udp", origin);
        Name tcp = name("_sip._tcp", origin);
        Name tls = name("_sips._tcp", origin);
        List<Record> records = new ArrayList<>();
        records.add(new NAPTRRecord(origin, DClass.IN, seconds, 10, 10, "S", "SIP+D2U", "", udp));
        if (targets.stream().anyMatch(t -> t.tcpPort() > 0)) {
            records.add(new NAPTRRecord(origin, DClass.IN, seconds, 20, 10, "S", "SIP+D2T", "", tcp));
        }
        if (targets.stream().anyMatch(t -> t.tlsPort() > 0)) {
            records.add(new NAPTRRecord(origin, DClass.IN, seconds, 30, 10, "S", "SIPS+D2T", "", tls));
        }
        for (ZoneTarget t : targets) {
            Name host = name(t.host(), origin);
            records.add(new SRVRecord(udp, DClass.IN, seconds, t.priority(), t.weight(), t.udpPort(), host));
            if (t.tcpPort() > 0) {
                records.add(new SRVRecord(tcp, DClass.IN, seconds, t.priority(), t.weight(), t.tcpPort(), host));
            }
            if (t.tlsPort() > 0) {
                records.add(new SRVRecord(tls, DClass.IN, seconds, t.priority(), t.weight(), t.tlsPort(), host));
            }
            records.add(t.address() instanceof Inet6Address
                    ? new AAAARecord(host, DClass.IN, seconds, t.address())
                    : new ARecord(host, DClass.IN, seconds, t.address()));
        }
        return ZoneView.of(origin, records);
    }

    /** {@code relative} inside {@code origin}, e.g. "sip1" in "provider.test." */
    public static Name name(String relative, Name origin) {
        try {
            return Name.fromString(relative, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: \"" + relative + "\" (" + e.getMessage() + ")", e);
        }
    }

    /** {@code domain} as an absolute name. */
    public static Name absolute(String domain) {
        Objects.requireNonNull(domain, "domain");
        return name(domain.endsWith(".") ? domain : domain + ".", Name.root);
    }
}
