package dev.lifeline.gateway.dns;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import org.xbill.DNS.NAPTRRecord;

/**
 * Finds where to send a trunk's requests on one path: RFC 3263 §4 "Locating a SIP server",
 * restricted to the trunk's configured transport (the gateway does not pick a transport, the
 * configuration does; RFC 3263 §4.1 lets a client skip transports it does not want).
 *
 * <ol>
 *   <li>An IP literal is used as is, on its port or the transport's default (§4.2).</li>
 *   <li>A name with a port: A/AAAA only, on that port (§4.2).</li>
 *   <li>Otherwise NAPTR (§4.1): records with flag "s" and the transport's service
 *       ({@code SIP+D2U}, {@code SIP+D2T}, {@code SIPS+D2T}), by order then preference; each
 *       replacement is an SRV name. A failed NAPTR query is not fatal: many DNS setups break
 *       on NAPTR alone, so location goes on with SRV.</li>
 *   <li>No usable NAPTR: SRV for the transport ({@code _sip._udp}, {@code _sip._tcp},
 *       {@code _sips._tcp}) (§4.1).</li>
 *   <li>No SRV records: A/AAAA of the domain on the default port (§4.2).</li>
 * </ol>
 *
 * <p>SRV records are ordered by {@link SrvOrder} (RFC 2782), and every address of every SRV
 * target becomes a target, in that order (§4.3 tries them in turn). A target whose addresses
 * cannot be found is skipped; location fails only when no target is left, or when the SRV
 * answer is the single "." target (the provider says the service is not offered). Which
 * addresses (A, AAAA) follow from the path's bind address: {@link PathResolver#addresses}.
 */
public final class SipLocator {

    private final PathResolver resolver;
    private final RandomGenerator random;

    /**
     * @param resolver the path's resolver
     * @param random   for the weighted SRV draw
     */
    public SipLocator(PathResolver resolver, RandomGenerator random) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The provider's targets for {@code transport} on this path, in the order to try them; never
     * empty. Fails with {@link DnsLookupException} naming the provider, the path and the cause.
     */
    public CompletionStage<List<ProviderTarget>> locate(HostPort provider, Transport transport) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(transport, "transport");
        CompletionStage<List<ProviderTarget>> found;
        if (provider.isIpLiteral()) {
            found = literal(provider, transport);
        } else {
            String domain = bare(provider.host());
            if (provider.port().isPresent()) {
                found = addressTargets(domain, provider.port().getAsInt(), transport);
            } else {
                found = naptr(domain, transport)
                        .thenCompose(viaNaptr -> viaNaptr.isPresent()
                                ? CompletableFuture.completedFuture(viaNaptr)
                                : srv(srvName(transport, domain), transport))
                        .thenCompose(viaSrv -> viaSrv.isPresent()
                                ? CompletableFuture.completedFuture(viaSrv.get())
                                : addressTargets(domain, transport.defaultPort(), transport));
            }
        }
        return found.handle((targets, error) -> {
            if (error != null) {
                throw new CompletionException(new DnsLookupException("cannot locate SIP provider " + provider + " for "
                        + transport.name().toLowerCase(Locale.ROOT) + " on path " + resolver.path().name() + ": "
                        + message(error)));
            }
            return targets;
        });
    }

    /** The SRV name RFC 3263 §4.1 asks for when there is no NAPTR. */
    static String srvName(Transport transport, String domain) {
        return switch (transport) {
            case UDP -> "_sip._udp." + domain;
            case TCP -> "_sip._tcp." + domain;
            case TLS -> "_sips._tcp." + domain;
        };
    }

    /** The NAPTR service field for a transport (RFC 3263 §4.1, RFC 3261 §26.5). */
    static String naptrService(Transport transport) {
        return switch (transport) {
            case UDP -> "SIP+D2U";
            case TCP -> "SIP+D2T";
            case TLS -> "SIPS+D2T";
        };
    }

    private CompletionStage<List<ProviderTarget>> literal(HostPort provider, Transport transport) {
        try {
            // A literal: getByName parses it, no lookup happens.
            InetAddress ip = InetAddress.getByName(provider.host());
            int port = provider.port().orElse(transport.defaultPort());
            return CompletableFuture.completedFuture(List.of(
                    new ProviderTarget(transport, new InetSocketAddress(ip, port), Optional.empty(), 0, 0)));
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(new DnsLookupException("'" + provider.host() + "' is not an IP address"));
        }
    }

    /** Targets from the NAPTR records for the transport; empty when there are none to follow. */
    private CompletionStage<Optional<List<ProviderTarget>>> naptr(String domain, Transport transport) {
        String service = naptrService(transport);
        return resolver.lookup(domain, RecordType.NAPTR).handle((answer, error) -> {
            if (error != null) {
                return List.<String>of(); // reported as a DnsProblem by the resolver; go on with SRV
            }
            return answer.naptr().stream()
                    .filter(n -> n.getFlags().equalsIgnoreCase("s") && n.getService().equalsIgnoreCase(service))
                    .sorted(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference))
                    .map(n -> bare(n.getReplacement().toString()))
                    .distinct()
                    .toList();
        }).thenCompose(srvNames -> {
            List<CompletableFuture<Optional<List<ProviderTarget>>>> each = srvNames.stream()
                    .map(name -> srv(name, transport).toCompletableFuture()).toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ProviderTarget> all = new ArrayList<>();
                each.forEach(f -> f.join().ifPresent(all::addAll));
                return all.isEmpty() ? Optional.<List<ProviderTarget>>empty() : Optional.of(distinct(all));
            });
        });
    }

    /** Targets from the SRV records of {@code name}; empty when it has none (NXDOMAIN, NODATA). */
    private CompletionStage<Optional<List<ProviderTarget>>> srv(String name, Transport transport) {
        return resolver.lookup(name, RecordType.SRV).thenCompose(answer -> {
            List<SrvRecord> records = answer.srv();
            if (records.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<List<ProviderTarget>>empty());
            }
            if (SrvOrder.serviceUnavailable(records)) {
                return CompletableFuture.failedFuture(new DnsLookupException("the provider does not offer this service: "
                        + name + " SRV has the target \".\" (RFC 2782)"));
            }
            List<SrvRecord> ordered = SrvOrder.order(records, random);
            List<CompletableFuture<List<ProviderTarget>>> each = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (SrvRecord r : ordered) {
                each.add(resolver.addresses(r.target()).handle((addresses, error) -> {
                    if (error != null || addresses.isEmpty()) {
                        synchronized (problems) {
                            problems.add(r.target() + ": " + (error != null ? message(error) : "no address records"));
                        }
                        return List.<ProviderTarget>of();
                    }
                    List<ProviderTarget> out = new ArrayList<>();
                    for (InetAddress a : addresses) {
                        out.add(new ProviderTarget(transport, new InetSocketAddress(named(r.target(), a), r.port()),
                                Optional.of(name), r.priority(), r.weight()));
                    }
                    return out;
                }).toCompletableFuture());
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<ProviderTarget> all = new ArrayList<>();
                each.forEach(f -> all.addAll(f.join()));
                if (all.isEmpty()) {
                    throw new CompletionException(new DnsLookupException("no SRV target of " + name
                            + " has an address: " + String.join("; ", problems)));
                }
                return Optional.of(distinct(all));
            });
        });
    }

    private CompletionStage<List<ProviderTarget>> addressTargets(String host, int port, Transport transport) {
        return resolver.addresses(host).thenApply(addresses -> {
            if (addresses.isEmpty()) {
                throw new CompletionException(new DnsLookupException(host + " has no address records"
                        + (resolver.path().bind() instanceof java.net.Inet6Address ? " (AAAA)" : " (A)")));
            }
            return addresses.stream().map(a -> new ProviderTarget(transport,
                    new InetSocketAddress(named(host, a), port), Optional.empty(), 0, 0)).toList();
        });
    }

    /** The address carrying the name, so a TLS handshake verifies the name and not the IP. */
    private static InetAddress named(String name, InetAddress address) {
        try {
            return InetAddress.getByAddress(name, address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address from DNS has " + address.getAddress().length + " bytes", e);
        }
    }

    private static List<ProviderTarget> distinct(List<ProviderTarget> targets) {
        Set<String> seen = new LinkedHashSet<>();
        return targets.stream().filter(t -> seen.add(t.transport() + " " + t.address().getAddress().getHostAddress()
                + ":" + t.address().getPort())).toList();
    }

    private static String bare(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String message(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
