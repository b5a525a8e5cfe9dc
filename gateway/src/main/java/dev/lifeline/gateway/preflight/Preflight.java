package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.TrunkTrust;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.dns.DnsSettings;
import dev.lifeline.gateway.dns.PathResolver;
import dev.lifeline.gateway.dns.ProviderTarget;
import dev.lifeline.gateway.dns.RecordType;
import dev.lifeline.gateway.dns.SipLocator;
import dev.lifeline.gateway.tls.CertificateInspector;
import dev.lifeline.gateway.tls.ProviderCertificateCheck;
import dev.lifeline.gateway.trunk.TrunkTlsProfiles;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the preflight on a site: observes every path side by side (one thread each), reads the
 * UPS, and has {@link Judge} give the verdicts. Every observation has its own timeout (the
 * site's DNS query timeout, its OPTIONS probe timeout, a few seconds for a TLS handshake), and
 * the run as a whole is bounded by {@link #RUN_LIMIT}: a path not done by then is reported as
 * such, never waited on.
 */
public final class Preflight {

    /** No path's checks may take longer than this, whatever hangs. */
    public static final Duration RUN_LIMIT = Duration.ofSeconds(30);
    private static final Duration TLS_TIMEOUT = Duration.ofSeconds(3);

    private final HostProbes host;
    private final OptionsPing options;
    private final UpsReader ups;
    private final InstantSource clock;

    public Preflight(HostProbes host, OptionsPing options, UpsReader ups, InstantSource clock) {
        this.host = host;
        this.options = options;
        this.ups = ups;
        this.clock = clock;
    }

    /** With the host's {@code ip} and {@code upsc}, and the system clock. */
    public static Preflight onThisHost() {
        return new Preflight(new HostProbes(), new OptionsPing(new SecureRandom()), new UpsReader(), InstantSource.system());
    }

    /** @param progress hears one line as each part starts and ends ("wan1: resolvers, DNS, OPTIONS…") */
    public PreflightReport run(SiteConfig config, Consumer<String> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.paths().size() + 1), r -> {
            Thread t = new Thread(r, "preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Observed.Path>> running = new ArrayList<>();
            for (WanPath path : config.paths()) {
                running.add(CompletableFuture.supplyAsync(() -> observe(config, path, progress), pool));
            }
            CompletableFuture<Optional<Observed.Ups>> power = CompletableFuture.supplyAsync(() ->
                    config.preflight().ups().map(name -> {
                        progress.accept("site: reading UPS " + name + " with upsc");
                        return ups.read(name);
                    }), pool);
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            List<Observed.Path> observed = new ArrayList<>();
            List<Finding> unfinished = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                WanPath path = config.paths().get(i);
                try {
                    observed.add(running.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException | ExecutionException e) {
                    unfinished.add(Finding.fail("run", path.name(), "the checks of " + path.name() + " did not finish: "
                            + (e instanceof TimeoutException ? "over " + RUN_LIMIT.toSeconds() + " s" : e.getCause()),
                            "run again; if it repeats, report it with the output of --json"));
                }
            }
            Optional<Observed.Ups> upsSeen;
            try {
                upsSeen = power.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                upsSeen = config.preflight().ups().map(n -> new Observed.Ups(n, Optional.empty(), Optional.empty(),
                        Optional.of("did not finish")));
            }
            List<Finding> findings = new ArrayList<>(unfinished);
            findings.addAll(Judge.all(config, observed, upsSeen, clock.instant()));
            return new PreflightReport(findings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PreflightReport(List.of(Finding.fail("run", "site", "interrupted", "run again")));
        } finally {
            pool.shutdownNow();
        }
    }

    Observed.Path observe(SiteConfig config, WanPath path, Consumer<String> progress) {
        String name = path.name();
        progress.accept(name + ": bind " + path.bind().getHostAddress() + path.networkInterface().map(i -> " on " + i).orElse(""));
        Optional<String> bind = host.bindProblem(path.bind());
        Optional<String> nic = path.networkInterface().flatMap(i -> host.interfaceProblem(i, path.bind()));
        if (bind.isPresent()) {
            return Observed.Path.unbindable(path, bind.get(), nic);
        }
        progress.accept(name + ": resolvers " + path.resolvers());
        String probeName = config.trunks().stream().filter(t -> !t.provider().isIpLiteral()).map(t -> t.provider().host())
                .findFirst().orElse(".");
        List<Observed.Resolver> resolvers = new ArrayList<>();
        for (HostPort r : path.resolvers()) {
            resolvers.add(host.askResolver(r, path.bind(), probeName, config.dns().queryTimeout()));
        }
        progress.accept(name + ": locating the providers through " + name + "'s resolvers");
        PathResolver resolver = new PathResolver(path, DnsSettings.DEFAULTS.withQueryTimeout(config.dns().queryTimeout())
                .withAttempts(config.dns().attempts()).withMaxStale(Duration.ZERO), clock, event -> { });
        SipLocator locator = new SipLocator(resolver, new SecureRandom());
        Duration dnsBound = config.dns().queryTimeout().multipliedBy(
                (long) config.dns().attempts() * Math.max(1, path.resolvers().size()) * 4).plusSeconds(1);
        List<Observed.Locate> locates = new ArrayList<>();
        for (Trunk trunk : config.trunks()) {
            locates.add(locate(locator, resolver, trunk, dnsBound));
        }
        Optional<InetAddress> destination = locates.stream().flatMap(l -> l.targets().stream())
                .map(t -> t.address().getAddress()).findFirst()
                .or(() -> resolvers.stream().map(r -> ip(r.resolver().host())).flatMap(Optional::stream).findFirst());
        Optional<Observed.Route> route = destination.map(d -> host.route(d, path.bind(), path.networkInterface()));
        progress.accept(name + ": OPTIONS to each provider target from " + path.bind().getHostAddress());
        List<Observed.Options> pings = new ArrayList<>();
        List<Observed.Certificate> certificates = new ArrayList<>();
        ProviderCertificateCheck tls = new ProviderCertificateCheck(new CertificateInspector(), TLS_TIMEOUT);
        for (Observed.Locate l : locates) {
            for (ProviderTarget t : l.targets()) {
                pings.add(options.ping(l.trunk(), t, path.bind(), config.failover().probeTimeout()));
                if (t.transport() == Transport.TLS) {
                    var target = tlsTarget(l.trunk(), t, path);
                    certificates.add(new Observed.Certificate(l.trunk(), target, tls.check(target, clock.instant())));
                }
            }
        }
        progress.accept(name + ": done");
        return new Observed.Path(path, bind, nic, route, resolvers, locates, pings, certificates);
    }

    /** The target as the gateway's own certificate watch checks it: the trunk's trust, name and pin. */
    private static dev.lifeline.gateway.tls.ProviderTarget tlsTarget(Trunk trunk, ProviderTarget t, WanPath path) {
        return new dev.lifeline.gateway.tls.ProviderTarget(trunk.name(), path.name(), t.address(), path.bind(),
                trunk.trustBundle(), trunk.clientCertificate(), TrunkTlsProfiles.sipDomain(trunk),
                trunk.trust().flatMap(TrunkTrust::pin));
    }

    private static Observed.Locate locate(SipLocator locator, PathResolver resolver, Trunk trunk, Duration bound) {
        Transport transport = Transport.valueOf(trunk.transport().name());
        try {
            List<ProviderTarget> targets = locator.locate(trunk.provider(), transport).toCompletableFuture()
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
            int naptr = 0;
            if (!trunk.provider().isIpLiteral()) {
                String service = switch (transport) {
                    case UDP -> "SIP+D2U";
                    case TCP -> "SIP+D2T";
                    case TLS -> "SIPS+D2T";
                };
                // Answered from the cache the location just filled.
                naptr = (int) resolver.lookup(trunk.provider().host(), RecordType.NAPTR).toCompletableFuture()
                        .handle((a, e) -> e != null ? 0L : a.naptr().stream()
                                .filter(n -> n.getService().equalsIgnoreCase(service)).count())
                        .get(bound.toMillis(), TimeUnit.MILLISECONDS).longValue();
            }
            return new Observed.Locate(trunk, targets, naptr, Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return new Observed.Locate(trunk, List.of(), 0, Optional.of(String.valueOf(cause.getMessage())));
        } catch (TimeoutException e) {
            return new Observed.Locate(trunk, List.of(), 0, Optional.of("no result within " + bound.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Observed.Locate(trunk, List.of(), 0, Optional.of("interrupted"));
        }
    }

    private static Optional<InetAddress> ip(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
