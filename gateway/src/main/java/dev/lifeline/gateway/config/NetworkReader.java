package dev.lifeline.gateway.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code listen}, {@code paths}, {@code failover} and {@code dns}: where the gateway sends and receives. */
final class NetworkReader {

    static final List<String> LISTEN_KEYS = List.of("transport", "address", "certificate", "key");
    static final List<String> PATH_KEYS = List.of("name", "bind", "interface", "resolvers", "priority");
    static final List<String> FAILOVER_KEYS = List.of("probeInterval", "probeTimeout", "silenceWindow",
            "optionsFailuresToDown", "rFloor", "floorWindow", "holdDown", "preemptiveFailback", "maxSwitches",
            "switchWindow", "reflector", "mediaSilence", "confirmWindow", "confirmInterval", "suspectAfter", "stun");
    static final List<String> DNS_KEYS = List.of("queryTimeout", "attempts", "maxStale");
    private static final int DNS_PORT = 53;

    private final Problems problems;

    NetworkReader(Problems problems) {
        this.problems = problems;
    }

    List<Listener> listen(Section top) {
        List<Listener> result = new ArrayList<>();
        Duplicates seen = new Duplicates("listen address");
        for (Section s : top.sections("listen", true, "where phones reach the gateway, e.g."
                + " '- {transport: udp, address: 127.0.0.1:5060}'", LISTEN_KEYS)) {
            listener(s).filter(l -> seen.add(l.transport().configName() + " " + l.address(), s.markOf("address"),
                    s.path("address"), problems)).ifPresent(result::add);
        }
        return result;
    }

    private Optional<Listener> listener(Section s) {
        int before = problems.count();
        Transport transport = s.required("transport", "udp, tcp or tls",
                Scalars.choice(Transport.class, Transport::configName));
        HostPort address = s.required("address", "an IP address and port, e.g. 127.0.0.1:5060", HostPort::parseBindable);
        Optional<TlsFiles> tls = Optional.empty();
        if (transport == Transport.TLS) {
            Path cert = s.required("certificate", "the PEM certificate chain for tls", Scalars::path);
            Path key = s.required("key", "the PEM private key for tls", Scalars::path);
            tls = cert == null || key == null ? Optional.empty() : Optional.of(new TlsFiles(cert, key));
        } else if (transport != null) {
            for (String k : List.of("certificate", "key")) {
                if (s.has(k)) {
                    s.problem(k, "is only used with transport tls; this listener uses " + transport.configName());
                }
            }
        }
        return problems.count() > before ? Optional.empty() : Optional.of(new Listener(transport, address, tls));
    }

    /**
     * The paths. A path without resolvers is a problem when a trunk's provider is a domain:
     * that name would have to be looked up over the path, and nothing could answer.
     */
    List<WanPath> paths(Section top, List<Trunk> trunks) {
        List<WanPath> result = new ArrayList<>();
        Duplicates names = new Duplicates("path name");
        Duplicates binds = new Duplicates("bind address");
        Duplicates priorities = new Duplicates("priority");
        for (Section s : top.sections("paths", false, "a list of WAN paths", PATH_KEYS)) {
            // Duplicates are judged on the text as written, so that they are found even next to other problems.
            s.peek("name").ifPresent(n -> names.add(n, s.markOf("name"), s.path("name"), problems));
            s.peek("bind").ifPresent(b -> binds.add(b, s.markOf("bind"), s.path("bind"), problems));
            s.peek("priority").ifPresent(p -> priorities.add(p, s.markOf("priority"), s.path("priority"), problems));
            path(s).ifPresent(p -> {
                result.add(p);
                needsResolver(s, p, trunks);
            });
        }
        return result;
    }

    private Optional<WanPath> path(Section s) {
        int before = problems.count();
        String name = s.required("name", "a name for the path, e.g. wan1", Scalars::name);
        InetAddress bind = s.required("bind", "the path's local IP address, e.g. 127.0.0.11", IpLiteral::parse);
        Optional<String> networkInterface = s.optional("interface", NetworkReader::interfaceName);
        List<HostPort> resolvers = s.values("resolvers", false, "DNS servers as ip or ip:port, e.g. [192.0.2.53]",
                NetworkReader::resolver);
        Integer priority = s.required("priority", "a number, lower is preferred, e.g. 1", Scalars.integer(1, 1000));
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new WanPath(name, bind, networkInterface, resolvers, priority));
    }

    private void needsResolver(Section s, WanPath path, List<Trunk> trunks) {
        if (!path.resolvers().isEmpty()) {
            return;
        }
        trunks.stream().filter(t -> !t.provider().isIpLiteral()).findFirst().ifPresent(t -> s.problemAt(s.mark(),
                s.path("resolvers"), "missing; trunk '" + t.name() + "' has the domain " + t.provider().host()
                        + ", which must be looked up over this path; expected this path's DNS servers,"
                        + " e.g. resolvers: [192.0.2.53]"));
    }

    private static HostPort reflector(String text) {
        HostPort hp = HostPort.parse(text);
        if (hp.port().isEmpty()) {
            throw new IllegalArgumentException(Scalars.quote(text) + " has no port; expected host:port, e.g. reflector.provider.example:7");
        }
        return hp;
    }

    private static HostPort resolver(String text) {
        HostPort hp = HostPort.parse(text);
        if (!hp.isIpLiteral()) {
            // A resolver named by a host name would need a resolver to find it.
            throw new IllegalArgumentException(Scalars.quote(text) + " is not an IP address; expected a DNS server"
                    + " as ip or ip:port, e.g. 192.0.2.53 or [2001:db8::53]:53");
        }
        return hp.port().isPresent() ? hp : HostPort.of(hp.host(), DNS_PORT);
    }

    private static String interfaceName(String text) {
        // Linux IFNAMSIZ is 16 including the terminating NUL.
        if (!text.matches("[A-Za-z0-9._-]{1,15}")) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not an interface name; expected e.g. eth1 or wwan0");
        }
        return text;
    }

    FailoverSettings failover(Section top) {
        FailoverSettings d = FailoverSettings.DEFAULT;
        return top.section("failover", FAILOVER_KEYS).map(s -> {
            int before = problems.count();
            Duration probeInterval = s.optional("probeInterval", d.probeInterval(), Scalars::positiveDuration);
            Duration probeTimeout = s.optional("probeTimeout", d.probeTimeout(), Scalars::positiveDuration);
            Duration silence = s.optional("silenceWindow", d.silenceWindow(), Scalars::positiveDuration);
            Integer optionsFailures = s.optional("optionsFailuresToDown", d.optionsFailuresToDown(), Scalars.integer(1, 100));
            Integer rFloor = s.optional("rFloor", d.rFloor(), Scalars.integer(0, 100));
            Duration floorWindow = s.optional("floorWindow", d.floorWindow(), Scalars::positiveDuration);
            Duration holdDown = s.optional("holdDown", d.holdDown(), DurationFormat::parse);
            Boolean preemptive = s.optional("preemptiveFailback", d.preemptiveFailback(), Scalars::bool);
            Integer maxSwitches = s.optional("maxSwitches", d.maxSwitches(), Scalars.integer(1, 1000));
            Duration switchWindow = s.optional("switchWindow", d.switchWindow(), Scalars::positiveDuration);
            HostPort reflector = s.optional("reflector", null, NetworkReader::reflector);
            Duration mediaSilence = s.optional("mediaSilence", d.mediaSilence(), DurationFormat::parse);
            Duration confirmWindow = s.optional("confirmWindow", d.confirmWindow(), DurationFormat::parse);
            Duration confirmInterval = s.optional("confirmInterval", d.confirmInterval(), Scalars::positiveDuration);
            Duration suspectAfter = s.optional("suspectAfter", d.suspectAfter(), DurationFormat::parse);
            StunTarget stun = s.optional("stun", null, NetworkReader::stun);
            if (problems.count() > before) {
                return null;
            }
            return new FailoverSettings(probeInterval, probeTimeout, silence, optionsFailures, rFloor, floorWindow,
                    holdDown, preemptive, maxSwitches, switchWindow, java.util.Optional.ofNullable(reflector),
                    mediaSilence, confirmWindow, confirmInterval, suspectAfter, java.util.Optional.ofNullable(stun));
        }).orElse(null);
    }

    /** {@code provider}, or a STUN server's host:port (port 3478 when left out). */
    static StunTarget stun(String text) {
        if (text.strip().equals("provider")) {
            return StunTarget.providerTargets();
        }
        HostPort hp;
        try {
            hp = HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is neither 'provider' nor a STUN server; "
                    + "expected provider (the SIP targets answer STUN) or host:port, e.g. stun.example.net:3478");
        }
        return StunTarget.server(hp.port().isPresent() ? hp : new HostPort(hp.host(), java.util.OptionalInt.of(3478)));
    }

    ResolverSettings dns(Section top) {
        ResolverSettings d = ResolverSettings.DEFAULT;
        return top.section("dns", DNS_KEYS).map(s -> {
            int before = problems.count();
            Duration queryTimeout = s.optional("queryTimeout", d.queryTimeout(), Scalars::positiveDuration);
            Integer attempts = s.optional("attempts", d.attempts(), Scalars.integer(1, ResolverSettings.MAX_ATTEMPTS));
            Duration maxStale = s.optional("maxStale", d.maxStale(), DurationFormat::parse);
            if (problems.count() > before) {
                return null;
            }
            return new ResolverSettings(queryTimeout, attempts, maxStale);
        }).orElse(d);
    }
}
