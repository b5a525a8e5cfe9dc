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
import dev.lifeline.drill.lab.provider.TargetSpec;
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
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.sip.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
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
 * <p>Provider media is routed through the emulator of the path the call's signalling took:
 * the provider answers with an emulator forward to its RTP socket, so blackholing a path
 * silences that path's audio as it would on a real link.
 */
public final class Lab implements AutoCloseable {

    /** The provider's domain inside the lab. */
    public static final String DOMAIN = "provider.lab";
    public static final List<String> TARGETS = List.of("sip1", "sip2");
    private static final Duration DNS_TTL = Duration.ofSeconds(30);

    private final SiteConfig site;
    private final Path work;
    private final InstantSource clock;
    private final Consumer<String> progress;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Map<String, WanEmulator> wans = new LinkedHashMap<>();
    private final Map<String, String> insideIp = new LinkedHashMap<>();
    private final Map<String, LabPhone> phones = new LinkedHashMap<>();
    private final Map<String, InetSocketAddress> mediaForwards = new ConcurrentHashMap<>();
    private LabProvider provider;
    private LabDns dns;
    private PhoneRuntime runtime;
    private SiteConfig labSite;
    private volatile Gateway gateway;

    private Lab(SiteConfig site, Path work, InstantSource clock, Consumer<String> progress) {
        this.site = site;
        this.work = work;
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * Builds the lab for {@code site} and starts the gateway in it.
     *
     * @param work     a directory for the gateway's storage
     * @param progress hears one line per part started
     */
    public static Lab start(SiteConfig site, Path work, Consumer<String> progress) throws LabException {
        if (site.paths().isEmpty()) {
            throw new LabException("the site configuration has no WAN paths; the drills need at least one (paths:)");
        }
        if (site.trunks().isEmpty()) {
            throw new LabException("the site configuration has no trunk; the drills need one to the provider (trunks:)");
        }
        Lab lab = new Lab(site, work, InstantSource.system(), progress);
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
        try {
            List<TargetSpec> targets = new ArrayList<>();
            for (int i = 0; i < TARGETS.size(); i++) {
                targets.add(TargetSpec.udp(TARGETS.get(i), "127.0.0." + (41 + i)));
            }
            provider = LabProvider.start(ProviderConfig.of(DOMAIN, trunk.username().orElse("lifeline"),
                    trunk.password().map(p -> p.value()).orElse("lab"), targets), clock);
            parts.add(provider);
            progress.accept("provider " + DOMAIN + ": targets " + TARGETS);

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
                    zone.add(ZoneTarget.udp(TARGETS.get(t), sip.inside().getAddress(), sip.inside().getPort())
                            .withPriority(10 * (t + 1)));
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
        } catch (IOException e) {
            throw new LabException("cannot build the lab: " + e.getMessage(), e);
        }
    }

    private SiteConfig labSite(Trunk trunk, List<WanPath> paths, int reflectorPort) {
        List<Trunk> trunks = new ArrayList<>();
        trunks.add(new Trunk(trunk.name(), HostPort.parse(DOMAIN), trunk.transport(), trunk.username(), trunk.password(),
                trunk.register(), trunk.registrationExpires(), trunk.callerId(), trunk.priority(), trunk.trustBundle(),
                trunk.clientCertificate()));
        trunks.addAll(site.trunks().subList(1, site.trunks().size()));
        FailoverSettings f = site.failover().withReflector(new HostPort("reflector." + DOMAIN, OptionalInt.of(reflectorPort)));
        List<Listener> listen = List.of(new Listener(dev.lifeline.gateway.config.Transport.UDP,
                new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty()));
        AdminSettings admin = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.empty());
        return new SiteConfig(site.site(), listen, site.extensions(), site.groups(), site.dids(), trunks, site.dialPlan(),
                paths, f, site.registrar(), site.security(), work.resolve("storage"), admin, site.media(),
                site.signalling(), site.dns());
    }

    /** Starts (or, after {@link #stopGateway}, restarts) the gateway on the lab's site configuration. */
    public synchronized Gateway startGateway() throws LabException {
        try {
            gateway = Gateway.start(labSite);
        } catch (GatewayStartException e) {
            throw new LabException("the gateway did not start: " + e.getMessage(), e);
        }
        // A restart comes back on the same ports, as a rebooted box would: phones keep their registrar.
        int sip = gatewaySip().getPort();
        int admin = gateway.adminUri().getPort();
        labSite = new SiteConfig(labSite.site(), List.of(new Listener(dev.lifeline.gateway.config.Transport.UDP,
                new HostPort("127.0.0.1", OptionalInt.of(sip)), Optional.empty())), labSite.extensions(),
                labSite.groups(), labSite.dids(), labSite.trunks(), labSite.dialPlan(), labSite.paths(),
                labSite.failover(), labSite.registrar(), labSite.security(), labSite.storage(),
                new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(admin)), Optional.empty(), Optional.empty()),
                labSite.media(), labSite.signalling(), labSite.dns());
        progress.accept("gateway started: " + String.join(", ", gateway.listenPoints().stream()
                .map(p -> p.transport().name().toLowerCase() + " " + p.address()).toList()));
        return gateway;
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
