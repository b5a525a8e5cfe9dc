package dev.lifeline.drill.lab;

import dev.lifeline.drill.lab.dns.LabDns;
import dev.lifeline.drill.lab.dns.ProviderZone;
import dev.lifeline.drill.lab.dns.ResolverEndpoint;
import dev.lifeline.drill.lab.dns.ZoneTarget;
import dev.lifeline.drill.lab.dns.ZoneView;
import dev.lifeline.drill.lab.phone.LabPhone;
import dev.lifeline.drill.lab.phone.PhoneRuntime;
import dev.lifeline.drill.lab.phone.PhoneSettings;
import dev.lifeline.drill.lab.provider.LabProvider;
import dev.lifeline.drill.lab.provider.ProviderConfig;
import dev.lifeline.drill.lab.provider.ProviderTarget;
import dev.lifeline.drill.lab.provider.TargetSpec;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.drill.lab.wan.TcpSplice;
import dev.lifeline.drill.lab.wan.UdpForward;
import dev.lifeline.drill.lab.wan.WanConfig;
import dev.lifeline.drill.lab.wan.WanEmulator;
import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.GatewayStartException;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.Extension;
import dev.lifeline.gateway.config.FailoverSettings;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.TlsFiles;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.TrunkTrust;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.tls.CertificateStatus;
import dev.lifeline.sip.transport.TlsConfig;
import dev.lifeline.sip.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The in-process lab around a real gateway, all on loopback (DESIGN.md "The in-process lab"):
 * the lab provider with targets {@code sip1} (127.0.0.41) and {@code sip2} (127.0.0.42), one
 * WAN emulator per configured path (public address 127.0.0.31, .32, …) forwarding to every
 * target's SIP port and reflector, a split-horizon DNS with one resolver per path answering the
 * provider's NAPTR/SRV/A records with that path's emulator addresses, the site's phones (one
 * per extension, on 127.0.2.x), and the gateway started on the site's configuration rewritten
 * to point at the lab: the trunk's provider becomes the lab's domain, each path's resolvers the
 * lab's, the reflector the lab provider's; listen and admin ports are ephemeral, storage lives
 * in the work directory. Everything else of the site (extensions, groups, DIDs, dial plan,
 * failover settings) is used as configured.
 *
 * <p>Stream modes ({@link LabOptions#trunkTransport}, or the site's trunk transport): with TCP or
 * TLS the targets listen on that transport too, each path's emulator splices TCP to each
 * target's stream port beside its UDP forward (same inside address), and the path's view
 * publishes {@code _sip._tcp} or {@code _sips._tcp} SRV with their NAPTR. TLS adds a lab CA
 * made at start ({@link LabCertificates}, files under {@code work/tls}): each target serves a
 * valid leaf for its SRV name ({@code sip1.provider.lab}) and the SIP domain the trunk checks
 * (RFC 5922, {@code provider.lab}), and can be switched to an expired one
 * ({@link #presentCertificate}); the trunk trusts the lab CA ({@code trust}); the gateway
 * gets a TLS listener on 127.0.0.1 with its own lab certificate (it opens a TLS point per path
 * from it, where the trunk's connections leave from).
 *
 * <p>Provider media is routed through the emulator of the path the call's signalling took:
 * the provider answers with an emulator forward to its RTP socket, so blackholing a path
 * silences that path's audio as it would on a real link.
 */
public final class Lab implements AutoCloseable {

    /** The provider's domain inside the lab. */
    public static final String DOMAIN = "provider.lab";
    public static final List<String> TARGETS = List.of("sip1", "sip2");
    /**
     * An outside number the lab provider answers as a quiet far end ({@code MediaMode.QUIET}):
     * a second of the test tone, then RFC 3389 comfort noise only. Every other number is echoed.
     */
    public static final String QUIET_NUMBER = "+15557013";
    /** Short, so that a drill of a few seconds sees answers expire and the cache (and serve-stale) at work. */
    private static final Duration DNS_TTL = Duration.ofSeconds(5);

    private final SiteConfig site;
    private final Path work;
    private final InstantSource clock;
    private final Consumer<String> progress;
    private final LabOptions options;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Map<String, WanEmulator> wans = new LinkedHashMap<>();
    private final Map<String, String> insideIp = new LinkedHashMap<>();
    private final Map<String, LabPhone> phones = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> mediaForwards = new ConcurrentHashMap<>();
    private final Map<String, TlsConfig> validTls = new LinkedHashMap<>();
    private final Map<String, TlsConfig> expiredTls = new LinkedHashMap<>();
    private Transport trunkTransport = Transport.UDP;
    private LabCertificates certificates;
    private LabProvider provider;
    private LabDns dns;
    private PhoneRuntime runtime;
    private SiteConfig labSite;
    private volatile Gateway gateway;
    private RegisterStorm storm;

    private Lab(SiteConfig site, Path work, InstantSource clock, Consumer<String> progress, LabOptions options) {
        this.site = site;
        this.work = work;
        this.clock = clock;
        this.progress = progress;
        this.options = options;
    }

    /** The certificate a provider target presents on TLS. */
    public enum TargetCertificate {
        /** Issued by the lab CA for the target's name, valid for a year from lab start. */
        VALID,
        /** The same name and CA, but expired a month before lab start. */
        EXPIRED
    }

    /**
     * Builds the lab for {@code site} and starts the gateway in it.
     *
     * @param work     a directory for the gateway's storage
     * @param progress hears one line per part started
     */
    public static Lab start(SiteConfig site, Path work, Consumer<String> progress) throws LabException {
        return start(site, work, progress, LabOptions.DEFAULT);
    }

    /**
     * As {@link #start(SiteConfig, Path, Consumer)}, built with {@code options} (e.g. the trunk
     * over TLS for certificate drills).
     */
    public static Lab start(SiteConfig site, Path work, Consumer<String> progress, LabOptions options)
            throws LabException {
        java.util.Objects.requireNonNull(options, "options");
        if (site.paths().isEmpty()) {
            throw new LabException("the site configuration has no WAN paths; the drills need at least one (paths:)");
        }
        if (site.trunks().isEmpty()) {
            throw new LabException("the site configuration has no trunk; the drills need one to the provider (trunks:)");
        }
        Lab lab = new Lab(site, work, InstantSource.system(), progress, options);
        try {
            lab.build();
            return lab;
        } catch (LabException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws LabException {
        Trunk trunk = site.trunks().get(0);
        trunkTransport = sipTransport(options.trunkTransport().orElse(trunk.transport()));
        try {
            if (trunkTransport == Transport.TLS) {
                makeCertificates();
            }
            List<TargetSpec> targets = new ArrayList<>();
            for (int i = 0; i < TARGETS.size(); i++) {
                TargetSpec spec = TargetSpec.udp(TARGETS.get(i), "127.0.0." + (41 + i));
                if (trunkTransport == Transport.TLS) {
                    spec = spec.withTls(validTls.get(TARGETS.get(i)));
                }
                if (trunkTransport != Transport.UDP) {
                    spec = spec.withTransports(List.of(Transport.UDP, trunkTransport));
                }
                targets.add(spec);
            }
            provider = LabProvider.start(ProviderConfig.of(DOMAIN, trunk.username().orElse("lifeline"),
                    trunk.password().map(p -> p.value()).orElse("lab"), targets), clock);
            parts.add(provider);
            provider.setCallAnswer(QUIET_NUMBER, dev.lifeline.drill.lab.provider.CallAnswer.answer(
                    dev.lifeline.drill.lab.provider.MediaMode.QUIET));
            progress.accept("provider " + DOMAIN + ": targets " + TARGETS + ", trunk over "
                    + trunkTransport.name().toLowerCase(java.util.Locale.ROOT));

            dns = new LabDns();
            parts.add(dns);
            int reflectorPort = -1;
            List<WanPath> labPaths = new ArrayList<>();
            for (int i = 0; i < site.paths().size(); i++) {
                WanPath path = site.paths().get(i);
                WanEmulator wan = WanEmulator.start(WanConfig.of(path.name(), ip("127.0.0." + (31 + i))));
                parts.add(wan);
                wan.acceptOnlyFrom(path.bind());
                wans.put(path.name(), wan);
                String inside = "127.0.10." + (1 + i);
                insideIp.put(path.name(), inside);
                List<ZoneTarget> zone = new ArrayList<>();
                InetSocketAddress reflectorInside = null;
                for (int t = 0; t < TARGETS.size(); t++) {
                    var target = provider.target(TARGETS.get(t));
                    UdpForward sip = wan.forwardUdp(new InetSocketAddress(ip("127.0." + (20 + i) + "." + (1 + t)), 0),
                            target.sipAddress());
                    ZoneTarget published = ZoneTarget.udp(TARGETS.get(t), sip.inside().getAddress(),
                            sip.inside().getPort()).withPriority(10 * (t + 1));
                    if (trunkTransport != Transport.UDP) {
                        // Same inside address as the UDP forward: the view has one A record per target.
                        TcpSplice stream = wan.spliceTcp(new InetSocketAddress(sip.inside().getAddress(), 0),
                                target.sipAddress(trunkTransport));
                        published = trunkTransport == Transport.TLS ? published.withTlsPort(stream.inside().getPort())
                                : published.withTcpPort(stream.inside().getPort());
                    }
                    zone.add(published);
                    if (t == 0) {
                        UdpForward reflector = wan.forwardUdp(new InetSocketAddress(ip(inside),
                                reflectorPort < 0 ? 0 : reflectorPort), target.reflectorAddress());
                        reflectorPort = reflector.inside().getPort();
                        reflectorInside = reflector.inside();
                    }
                }
                ZoneView view = ProviderZone.view(DOMAIN, zone, DNS_TTL).with(reflectorRecord(reflectorInside));
                ResolverEndpoint resolver = dns.addEndpoint(path.name(),
                        new InetSocketAddress(ip("127.0.0." + (21 + i)), 0), view);
                labPaths.add(new WanPath(path.name(), path.bind(), path.networkInterface(),
                        List.of(new HostPort(resolver.address().getAddress().getHostAddress(),
                                OptionalInt.of(resolver.address().getPort()))), path.priority()));
                progress.accept("path " + path.name() + ": bind " + path.bind().getHostAddress() + ", WAN emulator "
                        + wan.publicAddress().getHostAddress() + ", resolver " + resolver.address());
            }
            provider.advertiseMediaWith(this::mediaThroughPath);
            labSite = labSite(trunk, labPaths, reflectorPort);
            runtime = PhoneRuntime.start();
            parts.add(runtime);
            startGateway();
            startPhones();
            startStormPhones();
        } catch (IOException e) {
            throw new LabException("cannot build the lab: " + e.getMessage(), e);
        }
    }

    private SiteConfig labSite(Trunk trunk, List<WanPath> paths, int reflectorPort) throws LabException {
        List<Trunk> trunks = new ArrayList<>();
        boolean tls = trunkTransport == Transport.TLS;
        trunks.add(new Trunk(trunk.name(), HostPort.parse(DOMAIN), configTransport(trunkTransport), trunk.username(),
                trunk.password(), trunk.register(), trunk.registrationExpires(), trunk.callerId(), trunk.priority(),
                tls ? Optional.of(new TrunkTrust.Bundle(certificates.caBundle())) : Optional.empty(), Optional.empty()));
        trunks.addAll(site.trunks().subList(1, site.trunks().size()));
        // The site's choice stands: with a reflector configured, the lab provider's takes its place;
        // without one, only OPTIONS judge the paths in the lab too, as they would on site.
        FailoverSettings f = site.failover().reflector().isPresent()
                ? site.failover().withReflector(new HostPort("reflector." + DOMAIN, OptionalInt.of(reflectorPort)))
                : site.failover();
        List<Listener> listen = new ArrayList<>();
        listen.add(new Listener(dev.lifeline.gateway.config.Transport.UDP, new HostPort("127.0.0.1", OptionalInt.of(0)),
                Optional.empty()));
        if (trunkTransport != Transport.UDP) {
            // The gateway sends a stream trunk from a path only where it has a listen point of that
            // transport, and it opens those per path from its LAN listener of the transport.
            listen.add(new Listener(configTransport(trunkTransport), new HostPort("127.0.0.1", OptionalInt.of(0)),
                    tls ? Optional.of(gatewayTls(paths)) : Optional.empty()));
        }
        // A site drill in the lab injects faults through the admin API: keep the site's consent to it.
        AdminSettings admin = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.empty()).withFaultInjection(site.admin().faultInjection());
        return new SiteConfig(site.site(), listen, withStormExtensions(site.extensions()), site.groups(), site.dids(),
                trunks, site.dialPlan(),
                paths, f, site.registrar(), site.security(), work.resolve("storage"), admin, site.media(),
                site.signalling(), site.dns()).withEvents(site.events()).withPreflight(site.preflight());
    }

    /** Starts (or, after {@link #stopGateway}, restarts) the gateway on the lab's site configuration. */
    public synchronized Gateway startGateway() throws LabException {
        try {
            gateway = Gateway.start(labSite, options.gateway());
        } catch (GatewayStartException e) {
            throw new LabException("the gateway did not start: " + e.getMessage(), e);
        }
        // A restart comes back on the same ports, as a rebooted box would: phones keep their registrar.
        int admin = gateway.adminUri().getPort();
        List<Listener> bound = labSite.listen().stream().map(l -> new Listener(l.transport(),
                new HostPort(l.address().host(), OptionalInt.of(boundPort(sipTransport(l.transport()), l))), l.tls()))
                .toList();
        labSite = new SiteConfig(labSite.site(), bound, labSite.extensions(),
                labSite.groups(), labSite.dids(), labSite.trunks(), labSite.dialPlan(), labSite.paths(),
                labSite.failover(), labSite.registrar(), labSite.security(), labSite.storage(),
                new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(admin)), Optional.empty(), Optional.empty())
                        .withFaultInjection(labSite.admin().faultInjection()),
                labSite.media(), labSite.signalling(), labSite.dns()).withEvents(labSite.events())
                .withPreflight(labSite.preflight());
        progress.accept("gateway started: " + String.join(", ", gateway.listenPoints().stream()
                .map(p -> p.transport().name().toLowerCase() + " " + p.address()).toList()));
        return gateway;
    }

    private int boundPort(Transport transport, Listener listener) {
        return gateway.listenPoints().stream()
                .filter(p -> p.transport() == transport
                        && p.address().getAddress().getHostAddress().equals(listener.address().host()))
                .mapToInt(p -> p.address().getPort()).findFirst()
                .orElse(listener.address().port().orElse(0));
    }

    // ---- TLS ------------------------------------------------------------------------------

    /** The lab CA, and for each target a valid and an expired leaf for its SRV name and the SIP domain. */
    private void makeCertificates() {
        certificates = LabCertificates.create(work.resolve("tls"), "Lifeline lab CA", clock);
        for (String name : TARGETS) {
            String host = name + "." + DOMAIN;
            // The trunk authenticates the SIP domain it located the targets from (RFC 5922), not their names.
            validTls.put(name, providerTls(certificates.valid(name, host, DOMAIN)));
            expiredTls.put(name, providerTls(certificates.expired(name + "-expired", host, DOMAIN)));
        }
        progress.accept("lab CA " + certificates.caBundle() + ": certificates for " + TARGETS + " and the gateway");
    }

    private TlsConfig providerTls(TlsFiles files) {
        // verifyHostname off: when the provider connects out, it is to the site's bare NAT address.
        return new TlsConfig(files.certificate(), files.privateKey(), Optional.of(certificates.caBundle()),
                TlsConfig.ClientAuth.NONE, false);
    }

    /** The gateway's own certificate: its LAN address, each path's address and a lab name. */
    private TlsFiles gatewayTls(List<WanPath> paths) {
        List<String> hosts = new ArrayList<>(List.of("gateway.site.lab", "127.0.0.1"));
        paths.forEach(p -> hosts.add(p.bind().getHostAddress()));
        return certificates.valid("gateway", hosts.toArray(String[]::new));
    }

    /**
     * Makes provider target {@code target} present {@code which} certificate on TLS from now on:
     * the target restarts on the same ports with that material, so connections open to it are
     * closed and every new handshake sees the new certificate. Returns when it serves it.
     *
     * @throws LabException when the lab is not in TLS mode, or the target cannot be restarted
     */
    public Instant presentCertificate(String target, TargetCertificate which) throws LabException {
        if (trunkTransport != Transport.TLS) {
            throw new LabException("provider target certificates need the lab's TLS mode (the trunk runs over "
                    + trunkTransport.name().toLowerCase(java.util.Locale.ROOT)
                    + "); build the lab with LabOptions trunkTransport TLS (scenario setting trunkTransport: tls)");
        }
        ProviderTarget t;
        try {
            t = provider.target(target);
        } catch (IllegalArgumentException e) {
            throw new LabException(e.getMessage(), e);
        }
        TlsConfig material = (which == TargetCertificate.EXPIRED ? expiredTls : validTls).get(t.name());
        try {
            t.replaceTls(material);
        } catch (IllegalStateException e) {
            throw new LabException(e.getMessage(), e);
        }
        Instant at = Instant.now();
        progress.accept("provider target " + target + " presents " + which.name().toLowerCase(java.util.Locale.ROOT)
                + " certificate " + material.certificateChain().getFileName());
        return at;
    }

    /**
     * Asks the gateway to check its certificates now (its watch otherwise runs hourly); returns
     * its verdicts, empty when it uses no TLS.
     */
    public List<CertificateStatus> checkCertificatesNow() {
        Gateway g = gateway;
        return g == null ? List.of() : g.checkCertificatesNow();
    }

    /** The transport the trunk runs over in this lab. */
    public Transport trunkTransport() {
        return trunkTransport;
    }

    /** The lab CA and certificates; present in TLS mode. */
    public Optional<LabCertificates> certificates() {
        return Optional.ofNullable(certificates);
    }

    private static Transport sipTransport(dev.lifeline.gateway.config.Transport t) {
        return switch (t) {
            case UDP -> Transport.UDP;
            case TCP -> Transport.TCP;
            case TLS -> Transport.TLS;
        };
    }

    private static dev.lifeline.gateway.config.Transport configTransport(Transport t) {
        return switch (t) {
            case UDP -> dev.lifeline.gateway.config.Transport.UDP;
            case TCP -> dev.lifeline.gateway.config.Transport.TCP;
            case TLS -> dev.lifeline.gateway.config.Transport.TLS;
        };
    }

    /** Stops the gateway in order (as a restart's first half); the lab keeps running. */
    public synchronized void stopGateway(String reason) {
        Gateway g = gateway;
        if (g != null) {
            g.close(reason);
        }
    }

    private void startPhones() throws dev.lifeline.sip.transport.TransportException {
        int n = 0;
        for (Extension e : site.extensions()) {
            if (options.phones().isPresent() && n >= options.phones().getAsInt()) {
                break;
            }
            if (!(e.credential() instanceof dev.lifeline.sip.auth.Credential.Password(String password))) {
                continue;   // an extension configured by HA1 only: the lab cannot log in as it
            }
            LabPhone phone = LabPhone.start(PhoneSettings.of(e.number(), password, "127.0.2." + (1 + n++))
                    .withRegistrar(gatewaySip(), site.registrar().realm()), runtime);
            phones.put(e.number(), phone);
            parts.add(phone);
        }
        progress.accept(phones.size() + " phones on 127.0.2.x");
    }

    // ---- storm phones ----------------------------------------------------------------------

    /** The first storm phone's extension number; the others follow. */
    public static final int STORM_FIRST_NUMBER = 600_001;
    /** A storm phone's password is this prefix and its number. */
    static final String STORM_PASSWORD_PREFIX = "storm";
    /** Storm phones send from 127.0.3.1 up to this many addresses, as phones behind different addresses do. */
    static final int STORM_SOURCES = 64;

    private List<Extension> withStormExtensions(List<Extension> extensions) throws LabException {
        int n = options.stormPhones();
        if (n == 0) {
            return extensions;
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        extensions.forEach(e -> taken.add(e.number()));
        List<Extension> all = new ArrayList<>(extensions);
        for (int i = 0; i < n; i++) {
            String number = Integer.toString(STORM_FIRST_NUMBER + i);
            if (taken.contains(number)) {
                throw new LabException("the site already has extension " + number + ", which the lab's storm phones use ("
                        + STORM_FIRST_NUMBER + " and up); run the storm with a site that does not");
            }
            all.add(new Extension(number, "Storm " + number,
                    dev.lifeline.sip.auth.Credential.password(STORM_PASSWORD_PREFIX + number), List.of()));
        }
        return all;
    }

    private void startStormPhones() {
        int n = options.stormPhones();
        if (n == 0) {
            return;
        }
        List<InetAddress> sources = new ArrayList<>();
        for (int i = 1; i <= Math.min(STORM_SOURCES, n); i++) {
            sources.add(ip("127.0.3." + i));
        }
        var target = new RegisterStorm.Target("gateway", gatewaySip(),
                site.registrar().realm(), STORM_FIRST_NUMBER, STORM_PASSWORD_PREFIX, java.util.OptionalLong.empty());
        storm = RegisterStorm.open(target, n, Duration.ofSeconds(8), sources);
        parts.add(storm);
        progress.accept(n + " storm phones on 127.0.3.1-" + sources.size());
    }

    /**
     * The storm phones ({@link LabOptions#stormPhones}): light phones with extensions
     * {@value #STORM_FIRST_NUMBER} and up, registering over raw UDP from 127.0.3.x; empty when
     * the lab has none.
     */
    public Optional<RegisterStorm> stormPhones() {
        return Optional.ofNullable(storm);
    }

    /** Registers every phone; returns how many got a 200 within {@code within}. */
    public int registerPhones(Duration within) {
        List<java.util.concurrent.CompletableFuture<?>> all = new ArrayList<>();
        phones.values().forEach(p -> all.add(p.register().toCompletableFuture()));
        int ok = 0;
        for (var f : all) {
            try {
                f.get(within.toMillis(), TimeUnit.MILLISECONDS);
                ok++;
            } catch (Exception e) {
                // counted as not registered
            }
        }
        return ok;
    }

    /**
     * The provider's SDP address for a call whose site signalling came from {@code site}: the
     * forward to {@code local} through the emulator whose public address that is.
     */
    private InetSocketAddress mediaThroughPath(InetSocketAddress siteAddress, InetSocketAddress local) {
        for (Map.Entry<String, WanEmulator> e : wans.entrySet()) {
            if (e.getValue().publicAddress().equals(siteAddress.getAddress())) {
                String key = e.getKey() + "|" + local;
                return mediaForwards.computeIfAbsent(key, k -> e.getValue()
                        .forwardUdp(new InetSocketAddress(ip(insideIp.get(e.getKey())), 0), local).inside());
            }
        }
        return local;
    }

    public Gateway gateway() {
        return gateway;
    }

    public LabProvider provider() {
        return provider;
    }

    public LabDns dns() {
        return dns;
    }

    /** The WAN emulator of a configured path. */
    public WanEmulator wan(String path) {
        WanEmulator w = wans.get(path);
        if (w == null) {
            throw new IllegalArgumentException("no path " + path + " in the site configuration (paths: "
                    + wans.keySet() + ")");
        }
        return w;
    }

    public Map<String, WanEmulator> wans() {
        return wans;
    }

    public Map<String, LabPhone> phones() {
        return phones;
    }

    public Optional<LabPhone> phone(String extension) {
        return Optional.ofNullable(phones.get(extension));
    }

    /** The site configuration as the gateway in the lab runs it. */
    public SiteConfig labSite() {
        return labSite;
    }

    /** The gateway's LAN SIP address (UDP), where phones register. */
    public InetSocketAddress gatewaySip() {
        return gateway.listenPoints().stream()
                .filter(p -> p.transport() == Transport.UDP && p.address().getAddress().getHostAddress().equals("127.0.0.1"))
                .findFirst().orElseThrow().address();
    }

    private static ARecord reflectorRecord(InetSocketAddress address) {
        try {
            return new ARecord(Name.fromString("reflector." + DOMAIN + "."), DClass.IN, DNS_TTL.toSeconds(),
                    address.getAddress());
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        Gateway g = gateway;
        if (g != null) {
            g.close("lab closed");
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // best effort: the rest still closes
            }
        }
        parts.clear();
    }
}
