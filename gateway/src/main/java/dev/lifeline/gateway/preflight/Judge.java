package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.config.PreflightSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.tls.CertificateVerdict;
import dev.lifeline.gateway.tls.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The preflight's verdicts: observations in, findings out. Pure: no I/O, no clock of its own
 * ({@code now} is given), so every rule is tested without a network.
 */
public final class Judge {

    static final String BIND = "bind";
    static final String ROUTE = "route";
    static final String RESOLVER = "resolver";
    static final String RESOLVER_PATH = "resolver-own-path";
    static final String DNS = "dns";
    static final String OPTIONS = "options";
    static final String CERTIFICATE = "certificate";
    static final String KEEPALIVE = "keepalive";
    static final String EMERGENCY = "emergency";
    static final String UPS = "ups";

    private Judge() {
    }

    /** All findings: each path's (in the configuration's order), then the site's. */
    public static List<Finding> all(SiteConfig config, List<Observed.Path> paths, Optional<Observed.Ups> ups, Instant now) {
        List<Finding> out = new ArrayList<>();
        for (Observed.Path p : paths) {
            out.addAll(path(config, p, paths, now));
        }
        out.add(lanKeepalive(config));
        out.addAll(EmergencyRoutes.judge(config));
        out.add(ups(config.preflight(), ups));
        return out;
    }

    static List<Finding> path(SiteConfig config, Observed.Path p, List<Observed.Path> all, Instant now) {
        String name = p.path().name();
        List<Finding> out = new ArrayList<>();
        out.add(bind(p));
        if (p.bindProblem().isPresent()) {
            String why = "not tried: " + p.path().bind().getHostAddress() + " cannot be bound (see bind)";
            for (String check : List.of(ROUTE, RESOLVER, RESOLVER_PATH, DNS, OPTIONS)) {
                out.add(Finding.skip(check, name, why));
            }
            out.add(pathKeepalive(config, p.path()));
            return out;
        }
        out.add(route(p, all));
        out.addAll(resolvers(config, p));
        out.add(resolverOwnPath(p, all));
        out.addAll(dns(p, all));
        out.addAll(options(p));
        p.certificates().forEach(c -> out.add(certificate(c, now)));
        out.add(pathKeepalive(config, p.path()));
        return out;
    }

    // ---- bind and route ---------------------------------------------------------------------

    static Finding bind(Observed.Path p) {
        WanPath path = p.path();
        String field = "paths[" + path.name() + "]";
        if (p.bindProblem().isPresent()) {
            return Finding.fail(BIND, path.name(), path.bind().getHostAddress() + " is not usable on this host: "
                    + p.bindProblem().get(), "add the address to the uplink's interface, or correct " + field + ".bind");
        }
        if (p.interfaceProblem().isPresent()) {
            return Finding.fail(BIND, path.name(), p.interfaceProblem().get(),
                    "correct " + field + ".interface, or bring the interface up with the address on it");
        }
        return Finding.pass(BIND, path.name(), path.bind().getHostAddress() + " can be bound"
                + path.networkInterface().map(i -> " and is on " + i).orElse(""));
    }

    /**
     * The route from the path's address: through its configured interface (asked as the pinned
     * sockets send, {@code oif DEV}; no route through it, or one through another device, is a
     * failure: the path could not send, or would leave by another uplink); without one configured, a
     * warning when two paths leave through the same interface (no policy routing: one uplink's
     * failure takes both). Loopback (the lab) needs no uplink. An unreadable route is a warning.
     */
    static Finding route(Observed.Path p, List<Observed.Path> all) {
        WanPath path = p.path();
        String src = path.bind().getHostAddress();
        if (p.route().isEmpty()) {
            return Finding.skip(ROUTE, path.name(), "no destination to route to (no resolvers, no provider targets)");
        }
        Observed.Route r = p.route().get();
        String seen = "from " + src + " to " + r.destination() + ": ";
        if (r.error().isPresent() && path.networkInterface().isPresent() && r.error().get().contains("route get: ")) {
            // The kernel answered (no route, no such device): the path's sockets are pinned to the
            // device, so with no route through it they cannot send. Not being able to ask stays a warning.
            String dev = path.networkInterface().get();
            return Finding.fail(ROUTE, path.name(), seen + "no route through " + dev + " (" + r.error().get() + ")",
                    "give " + dev + " a route of its own: ip route add default via <" + dev + "'s gateway> dev " + dev
                            + " metric <n>, or a table chosen by ip rule from " + src);
        }
        if (r.error().isPresent()) {
            return Finding.warn(ROUTE, path.name(), seen + "cannot tell (" + r.error().get() + ")",
                    "check by hand: ip route get " + r.destination() + " from " + src
                            + path.networkInterface().map(dev -> " oif " + dev).orElse(""));
        }
        if (path.networkInterface().isPresent()) {
            String want = path.networkInterface().get();
            if (!r.device().get().equals(want)) {
                return Finding.fail(ROUTE, path.name(), seen + r.describe() + ", not " + want,
                        "add policy routing for the source: ip rule add from " + src + " table <n>; ip route add default"
                                + " via <" + want + "'s gateway> dev " + want + " table <n>");
            }
            return Finding.pass(ROUTE, path.name(), seen + r.describe());
        }
        if (r.loopback()) {
            return Finding.pass(ROUTE, path.name(), seen + "dev lo (local, no uplink involved)");
        }
        List<String> sharing = all.stream().filter(o -> o != p && o.route().flatMap(Observed.Route::device)
                .equals(r.device())).map(o -> o.path().name()).toList();
        if (!sharing.isEmpty()) {
            return Finding.warn(ROUTE, path.name(), seen + r.describe() + ", the same interface as " + sharing,
                    "give each path its uplink: set paths[" + path.name() + "].interface and add ip rule from " + src);
        }
        return Finding.pass(ROUTE, path.name(), seen + r.describe());
    }

    // ---- DNS ----------------------------------------------------------------------------------

    static List<Finding> resolvers(SiteConfig config, Observed.Path p) {
        String name = p.path().name();
        String src = p.path().bind().getHostAddress();
        if (p.resolvers().isEmpty()) {
            return List.of(Finding.skip(RESOLVER, name, "no resolvers configured (every trunk's provider is an IP address)"));
        }
        List<Finding> out = new ArrayList<>();
        for (Observed.Resolver r : p.resolvers()) {
            String who = r.resolver().toString();
            if (r.answered()) {
                out.add(Finding.pass(RESOLVER, name, who + " answered " + r.rcode().get() + " in "
                        + r.took().map(Judge::millis).orElse("?") + " (asked from " + src + ")"));
            } else if (r.rcode().isPresent()) {
                out.add(Finding.fail(RESOLVER, name, who + " answered " + r.rcode().get() + " (asked from " + src + ")",
                        "let the resolver serve " + src + ", or list one that does in paths[" + name + "].resolvers"));
            } else {
                out.add(Finding.fail(RESOLVER, name, who + " did not answer within "
                        + DurationFormat.format(config.dns().queryTimeout()) + " (asked from " + src + "): "
                        + r.error().orElse("no answer"),
                        "check the resolver is up and reachable over " + name + ", or replace it in paths[" + name
                                + "].resolvers"));
            }
        }
        return out;
    }

    /**
     * The secondary must not need the primary for DNS: a resolver reached through another path's
     * interface, or shared with another path, is lost with that path.
     */
    static Finding resolverOwnPath(Observed.Path p, List<Observed.Path> all) {
        String name = p.path().name();
        if (p.resolvers().isEmpty()) {
            return Finding.skip(RESOLVER_PATH, name, "no resolvers configured");
        }
        if (p.resolvers().stream().noneMatch(Observed.Resolver::answered)) {
            return Finding.fail(RESOLVER_PATH, name, "no resolver of " + name + " answers from "
                    + p.path().bind().getHostAddress() + ": with the other paths down, " + name
                    + " cannot look up the provider", "give " + name + " resolvers reachable over its own uplink");
        }
        for (Observed.Resolver r : p.resolvers()) {
            Optional<String> dev = r.route().device();
            for (Observed.Path other : all) {
                if (other == p) {
                    continue;
                }
                if (other.path().resolvers().contains(r.resolver())) {
                    return Finding.warn(RESOLVER_PATH, name, "resolver " + r.resolver() + " is also " + other.path().name()
                                    + "'s: one of the two paths reaches it through the other's uplink",
                            "give each path resolvers of its own uplink (e.g. each ISP's)");
                }
                Optional<String> otherDev = other.path().networkInterface()
                        .or(() -> other.route().flatMap(Observed.Route::device));
                boolean ownDev = p.path().networkInterface().isPresent() && p.path().networkInterface().equals(dev);
                if (dev.isPresent() && !dev.get().equals("lo") && !ownDev && otherDev.equals(dev)
                        && !p.route().flatMap(Observed.Route::device).equals(dev)) {
                    return Finding.fail(RESOLVER_PATH, name, "resolver " + r.resolver() + " is reached from "
                                    + p.path().bind().getHostAddress() + " via " + dev.get() + ", " + other.path().name()
                                    + "'s uplink: with " + other.path().name() + " down, " + name + " has no DNS",
                            "route " + r.resolver().host() + " from " + p.path().bind().getHostAddress() + " over "
                                    + name + "'s own uplink, or use that uplink's resolvers");
                }
            }
        }
        long answering = p.resolvers().stream().filter(Observed.Resolver::answered).count();
        return Finding.pass(RESOLVER_PATH, name, answering + " of " + p.resolvers().size()
                + " resolvers answer over " + name + "'s own route, none shared with another path");
    }

    /**
     * Each trunk's provider located through this path's resolvers; a path whose resolvers give
     * no SRV while another path's do fails: it would use one fallback address and lose the
     * provider's target failover exactly when it is the path left.
     */
    static List<Finding> dns(Observed.Path p, List<Observed.Path> all) {
        String name = p.path().name();
        List<Finding> out = new ArrayList<>();
        for (Observed.Locate l : p.locates()) {
            if (l.trunk().provider().isIpLiteral()) {
                continue; // nothing is looked up; the OPTIONS check says whether the address answers
            }
            String what = l.trunk().provider() + " (" + l.trunk().transport().configName() + ", trunk " + l.trunk().name() + ")";
            if (l.error().isPresent()) {
                out.add(Finding.fail(DNS, name, "cannot locate " + what + " through " + name + "'s resolvers: "
                        + l.error().get(), "publish NAPTR/SRV/A for " + l.trunk().provider().host()
                        + " where " + name + "'s resolvers look, or list resolvers that have them"));
                continue;
            }
            List<String> withSrv = all.stream().filter(o -> o != p).flatMap(o -> o.locates().stream()
                    .filter(x -> x.trunk().name().equals(l.trunk().name()) && x.srvName().isPresent())
                    .map(x -> o.path().name())).toList();
            String targets = l.targets().size() + (l.targets().size() == 1 ? " target: " : " targets: ")
                    + l.targets().stream().map(Object::toString).collect(Collectors.joining(", "));
            if (l.srvName().isEmpty() && !withSrv.isEmpty()) {
                out.add(Finding.fail(DNS, name, "no SRV for " + what + " through " + name + "'s resolvers (" + withSrv
                                + " have it); only " + targets,
                        "fix the SRV records in the DNS " + name + "'s resolvers serve, as " + withSrv.get(0) + "'s have them"));
                continue;
            }
            String chain = (l.naptrRecords() > 0 ? "NAPTR → " : "") + l.srvName().map(s -> "SRV " + s + " → ").orElse("")
                    + "A";
            out.add(Finding.pass(DNS, name, what + ": " + chain + ", " + targets + " (through "
                    + p.path().resolvers().stream().map(Object::toString).collect(Collectors.joining(", ")) + ")"));
        }
        if (out.isEmpty()) {
            out.add(Finding.skip(DNS, name, "no trunk's provider is a domain: nothing to look up"));
        }
        return out;
    }

    // ---- SIP and TLS ------------------------------------------------------------------------

    static List<Finding> options(Observed.Path p) {
        String name = p.path().name();
        String src = p.path().bind().getHostAddress();
        List<Finding> out = new ArrayList<>();
        for (Observed.Options o : p.options()) {
            String who = "trunk " + o.trunk().name() + " " + o.target() + ": ";
            if (o.status().isEmpty()) {
                out.add(Finding.fail(OPTIONS, name, who + "no answer to OPTIONS from " + src + " ("
                                + o.error().orElse("no response") + ")",
                        "check this provider target is up and that " + name + "'s firewall passes SIP to it; ask the provider"));
            } else if (o.status().getAsInt() == 408 || o.status().getAsInt() >= 500) {
                out.add(Finding.fail(OPTIONS, name, who + "answered " + o.status().getAsInt() + " " + o.reason()
                        + " to OPTIONS from " + src, "the provider target refuses service; ask the provider"));
            } else {
                out.add(Finding.pass(OPTIONS, name, who + o.status().getAsInt() + " " + o.reason() + " in "
                        + o.took().map(Judge::millis).orElse("?") + " (sent from " + src + ")"));
            }
        }
        if (out.isEmpty()) {
            boolean located = p.locates().stream().anyMatch(l -> !l.targets().isEmpty());
            out.add(Finding.skip(OPTIONS, name, located ? "no target to probe" : "no provider target located (see dns)"));
        }
        return out;
    }

    /** Expired, untrusted or wrongly named fails; within 30 days (the inspector's warning threshold) warns. */
    static Finding certificate(Observed.Certificate c, Instant now) {
        String name = c.target().path();
        CertificateVerdict v = c.verdict();
        String who = "trunk " + c.trunk().name() + " " + c.target().subject() + ": ";
        String left = v.notAfter().map(n -> {
            long days = Duration.between(now, n).toDays();
            return " (" + n.atZone(ZoneOffset.UTC).toLocalDate() + ", " + days + (days == 1 ? " day" : " days") + " left)";
        }).orElse("");
        return switch (v.severity()) {
            case INVALID -> Finding.fail(CERTIFICATE, name, who + v.reason(), v.notAfter().isPresent()
                    ? "the provider must renew or fix its certificate; or correct trunks[" + c.trunk().name() + "].trust"
                    : "check the target takes TLS from " + c.target().source().getHostAddress());
            case WARNING, CRITICAL -> Finding.warn(CERTIFICATE, name, who + v.reason(),
                    "have the provider renew before it expires");
            case OK -> Finding.pass(CERTIFICATE, name, who + "valid" + left + ", handshake from "
                    + c.target().source().getHostAddress());
        };
    }

    // ---- keepalives ---------------------------------------------------------------------------

    /** The OPTIONS probes every probeInterval are what keeps a path's NAT binding to the provider open. */
    static Finding pathKeepalive(SiteConfig config, WanPath path) {
        Duration every = config.failover().probeInterval();
        return keepalive(path.name(), "failover.probeInterval", "OPTIONS to the provider over the path", every,
                config.preflight(), path.name(), "shorten failover.probeInterval");
    }

    static Finding lanKeepalive(SiteConfig config) {
        return keepalive("site", "registrar.natKeepalive", "toward phones", config.registrar().natKeepalive(),
                config.preflight(), PreflightSettings.LAN, "set registrar.natKeepalive below it, e.g. "
                        + DurationFormat.format(halfOf(config.preflight().natTimeout(PreflightSettings.LAN)
                        .orElse(PreflightSettings.ASSUMED_NAT_TIMEOUT))));
    }

    private static Finding keepalive(String scope, String field, String role, Duration every, PreflightSettings settings,
                                     String side, String fix) {
        Optional<Duration> stated = settings.natTimeout(side);
        Duration nat = stated.orElse(PreflightSettings.ASSUMED_NAT_TIMEOUT);
        String against = "the " + (side.equals(PreflightSettings.LAN) ? "LAN" : side) + " NAT timeout "
                + DurationFormat.format(nat) + (stated.isPresent() ? " (preflight.natTimeouts." + side + ")"
                : " (assumed; state it as preflight.natTimeouts." + side + ")");
        String seen = field + " " + DurationFormat.format(every) + " (" + role + ")";
        if (every.compareTo(nat) >= 0) {
            return Finding.fail(KEEPALIVE, scope, seen + " is not shorter than " + against
                    + ": the NAT forgets the binding between keepalives", fix);
        }
        return Finding.pass(KEEPALIVE, scope, seen + " < " + against);
    }

    private static Duration halfOf(Duration d) {
        return Duration.ofSeconds(Math.max(1, d.toSeconds() / 2));
    }

    // ---- power --------------------------------------------------------------------------------

    static Finding ups(PreflightSettings settings, Optional<Observed.Ups> observed) {
        if (settings.ups().isEmpty() || observed.isEmpty()) {
            return Finding.skip(UPS, "site", "no UPS configured (preflight.ups, preflight.outageTarget)");
        }
        Observed.Ups u = observed.get();
        Duration target = settings.outageTarget().orElseThrow();
        if (u.runtime().isEmpty()) {
            return Finding.fail(UPS, "site", "cannot read battery.runtime of " + u.ups() + ": " + u.error().orElse("no value"),
                    "check the NUT server (upsd) is running and allows this host; install nut-client for upsc");
        }
        Duration runtime = u.runtime().get();
        String seen = u.ups() + " battery.runtime " + DurationFormat.format(runtime) + u.status().map(s -> ", status " + s)
                .orElse("") + " (read with upsc)";
        if (runtime.compareTo(target) < 0) {
            return Finding.fail(UPS, "site", seen + ": shorter than the outage target " + DurationFormat.format(target),
                    "add battery or move load off the UPS (switches, phones' PoE budget) until it covers "
                            + DurationFormat.format(target));
        }
        if (u.status().filter(s -> s.contains("OB") || s.contains("LB")).isPresent()) {
            return Finding.warn(UPS, "site", seen + ": on battery now, so the runtime is what is left",
                    "run the check again on mains power");
        }
        return Finding.pass(UPS, "site", seen + " ≥ outage target " + DurationFormat.format(target));
    }

    static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
