package dev.lifeline.gateway.trunk;

import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.TrunkTrust;
import dev.lifeline.sip.transport.TlsClientProfile;
import dev.lifeline.sip.transport.TlsMaterial;
import dev.lifeline.sip.transport.TlsReload;
import dev.lifeline.sip.transport.TransportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each TLS trunk's own trust (DESIGN F6): a transport client profile per trunk, built from its
 * {@code trust} choice and {@code clientCertificate}, and routed for every host name the
 * trunk's TLS connections are made to: the configured provider host, {@code *.host} when that
 * is a name (SRV targets usually sit below the SIP domain), and each target RFC 3263 location
 * found (SRV targets elsewhere), as they are found. A provider's certificate is then checked
 * against the CAs its trunk trusts, never against another trunk's or the listener's, and must
 * name the trunk's SIP domain (RFC 5922), whichever SRV target the connection went to: DNS
 * answers choose where to connect, never whom to believe.
 *
 * <p>The transport re-reads the files when they change ({@link TlsMaterial#watch}); a profile
 * whose files could not be loaded at start is tried again by {@link #retryFailed} so that
 * fixing the files is enough, and until then its hosts are refused rather than served with
 * the listener's trust. Failures are reported as rejected {@link TlsReload}s (material
 * "client profile trunk NAME", the file and why), applied ones as applied reloads.
 *
 * <p>Thread-safe.
 */
public final class TrunkTlsProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkTlsProfiles.class);

    private final TlsMaterial material;
    private final Map<String, Trunk> trunks = new LinkedHashMap<>();
    /** Hosts routed per trunk, also those waiting for the profile to load. */
    private final Map<String, Set<String>> hosts = new ConcurrentHashMap<>();
    /** The last load failure per trunk, so that a retry that fails the same way is not reported again. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile Consumer<TlsReload> reports = reload -> { };

    private TrunkTlsProfiles(TlsMaterial material, List<Trunk> tlsTrunks) {
        this.material = Objects.requireNonNull(material, "material");
        tlsTrunks.forEach(t -> trunks.put(t.name(), t));
    }

    /**
     * Puts a profile for each TLS trunk of {@code configured} into {@code material} and routes
     * its provider host. Files that cannot be loaded do not stop the others (nor the gateway:
     * internal calls do not need a trunk); see {@link #failures()}.
     */
    public static TrunkTlsProfiles install(TlsMaterial material, List<Trunk> configured) {
        TrunkTlsProfiles profiles = new TrunkTlsProfiles(material,
                configured.stream().filter(t -> t.transport() == Transport.TLS).toList());
        for (Trunk trunk : profiles.trunks.values()) {
            profiles.hosts.put(trunk.name(), ConcurrentHashMap.newKeySet());
            profiles.providerHosts(trunk).forEach(h -> profiles.hosts.get(trunk.name()).add(h));
            profiles.load(trunk);
        }
        return profiles;
    }

    /** The profile name of a trunk in the transport, as reload reports name it: "trunk NAME". */
    public static String profileName(String trunk) {
        return "trunk " + trunk;
    }

    /**
     * The transport profile for a trunk's configuration: its trust choice, and the certificate
     * must name the provider's SIP domain (RFC 5922) or, for a provider given as an IP address,
     * carry that address; a pinned certificate is trusted whatever it names.
     */
    public static TlsClientProfile profile(Trunk trunk) {
        TlsClientProfile p = switch (trunk.trust().orElseThrow(
                () -> new IllegalArgumentException("trunk " + trunk.name() + " has no TLS trust choice"))) {
            case TrunkTrust.SystemCas s -> TlsClientProfile.defaultTrust();
            case TrunkTrust.Bundle b -> TlsClientProfile.trusting(b.file());
            case TrunkTrust.Pinned pin -> TlsClientProfile.pinned(pin.sha256());
        };
        Optional<String> domain = sipDomain(trunk);
        if (domain.isPresent()) {
            p = p.withSipDomain(domain.get());
        }
        if (trunk.clientCertificate().isPresent()) {
            p = p.withClientCertificate(trunk.clientCertificate().get().certificate(),
                    trunk.clientCertificate().get().privateKey());
        }
        return p;
    }

    /** Where load failures and late successes go from now on (the certificate watch). */
    public void reportTo(Consumer<TlsReload> listener) {
        this.reports = Objects.requireNonNull(listener, "listener");
    }

    /** The TLS trunks' names. */
    public Collection<String> trunks() {
        return List.copyOf(trunks.keySet());
    }

    /** Profiles that could not be loaded so far, each as a rejected reload naming the file and why. */
    public List<TlsReload> failures() {
        List<TlsReload> out = new ArrayList<>();
        failures.forEach((trunk, why) -> out.add(rejected(trunks.get(trunk), why)));
        return out;
    }

    /** The hosts routed (or waiting to be routed) to a trunk's profile. */
    public Set<String> routedHosts(String trunk) {
        return Set.copyOf(hosts.getOrDefault(trunk, Set.of()));
    }

    /**
     * Routes the hosts of a trunk's located targets (their host strings: SRV target names, or
     * the domain) to its profile. Hosts already routed cost nothing; a trunk that is not a TLS
     * trunk is ignored.
     */
    public void routeTargets(String trunk, Collection<String> targetHosts) {
        Set<String> known = hosts.get(trunk);
        if (known == null) {
            return;
        }
        for (String host : targetHosts) {
            String h = host.toLowerCase(Locale.ROOT);
            if (known.add(h)) {
                route(trunk, h);
            }
        }
    }

    /** Tries again to load the profiles that failed; call it periodically (every file poll). */
    public void retryFailed() {
        for (String trunk : List.copyOf(failures.keySet())) {
            load(trunks.get(trunk));
        }
    }

    private void load(Trunk trunk) {
        String name = profileName(trunk.name());
        try {
            material.putClientProfile(name, profile(trunk));
        } catch (TransportException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            // Its hosts are still routed to it, so that they are refused, not served by the listener's trust.
            material.putUnusableClientProfile(name, why);
            String before = failures.put(trunk.name(), why);
            if (!why.equals(before)) {
                LOG.warn("trunk {}: TLS files not usable, its TLS connections will fail until they are fixed: {}",
                        trunk.name(), why);
                report(rejected(trunk, why));
            }
            hosts.get(trunk.name()).forEach(h -> route(trunk.name(), h));
            return;
        }
        if (failures.remove(trunk.name()) != null) {
            LOG.info("trunk {}: TLS files loaded", trunk.name());
            report(new TlsReload("client profile " + name, files(trunk), true, "reloaded"));
        }
        hosts.get(trunk.name()).forEach(h -> route(trunk.name(), h));
    }

    private void route(String trunk, String host) {
        try {
            material.routeHost(host, profileName(trunk));
        } catch (IllegalArgumentException e) {
            LOG.warn("trunk {}: cannot route TLS host {}: {}", trunk, host, e.getMessage());
        }
    }

    private void report(TlsReload reload) {
        try {
            reports.accept(reload);
        } catch (RuntimeException e) {
            LOG.warn("reporting a TLS profile problem failed: {}", e.toString());
        }
    }

    /**
     * The SIP domain a TLS trunk's provider must prove (RFC 5922 §4): the configured provider
     * host when it is a name, whether it was given alone (then RFC 3263 locates its targets) or
     * with a port (then it is the host itself); empty for an IP address.
     */
    public static Optional<String> sipDomain(Trunk trunk) {
        String host = trunk.provider().host().toLowerCase(Locale.ROOT);
        return isLiteral(host) ? Optional.empty() : Optional.of(host);
    }

    /** The configured host, and every name below it when it is a name (not an IP literal). */
    private List<String> providerHosts(Trunk trunk) {
        String host = trunk.provider().host().toLowerCase(Locale.ROOT);
        return isLiteral(host) || host.indexOf('.') < 0 ? List.of(host) : List.of(host, "*." + host);
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static TlsReload rejected(Trunk trunk, String why) {
        return new TlsReload("client profile " + profileName(trunk.name()), files(trunk), false, why);
    }

    private static List<Path> files(Trunk trunk) {
        List<Path> files = new ArrayList<>();
        trunk.clientCertificate().ifPresent(c -> {
            files.add(c.certificate());
            files.add(c.privateKey());
        });
        trunk.trustBundle().ifPresent(files::add);
        return files;
    }

    /** For tests and status: the profile a connection to {@code host} would use. */
    public Optional<String> profileFor(String host) {
        return material.clientProfileFor(host);
    }
}
