package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.dns.ProviderTarget;
import dev.lifeline.gateway.tls.CertificateVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the preflight saw, as values: the edge ({@link HostProbes}, {@link OptionsPing},
 * {@link UpsReader}) fills them in, {@link Judge} turns them into findings.
 */
public final class Observed {

    private Observed() {
    }

    /**
     * How the kernel routes from a source to a destination ({@code ip route get DST from SRC}).
     *
     * @param device the outgoing interface, e.g. "eth1", "lo"
     * @param via    the next hop, when there is one
     * @param error  why the route could not be read (no {@code ip} command, the kernel refused)
     */
    public record Route(String destination, Optional<String> device, Optional<String> via, Optional<String> error) {

        private static final Pattern DEV = Pattern.compile("\\bdev\\s+(\\S+)");
        private static final Pattern VIA = Pattern.compile("\\bvia\\s+(\\S+)");

        public Route {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(via, "via");
            Objects.requireNonNull(error, "error");
        }

        /** Reads the first line of {@code ip route get} output, e.g. "10.0.0.9 from 10.0.2.5 via 10.0.2.1 dev eth1 table 101 uid 0". */
        public static Route parse(String destination, String output) {
            Matcher dev = DEV.matcher(output);
            if (!dev.find()) {
                return failed(destination, "no device in the route: " + output.strip());
            }
            Matcher via = VIA.matcher(output);
            return new Route(destination, Optional.of(dev.group(1)), via.find() ? Optional.of(via.group(1)) : Optional.empty(),
                    Optional.empty());
        }

        public static Route failed(String destination, String why) {
            return new Route(destination, Optional.empty(), Optional.empty(), Optional.of(why));
        }

        boolean loopback() {
            return device.filter("lo"::equals).isPresent();
        }

        String describe() {
            return device.map(d -> "dev " + d + via.map(v -> " via " + v).orElse("")).orElse("unknown");
        }
    }

    /**
     * One query to one resolver, from the path's address.
     *
     * @param rcode the answer's RCODE name ("NOERROR", "NXDOMAIN", "SERVFAIL"…); empty when none came
     * @param error why no answer came (timeout, network error)
     * @param route how the resolver is reached from the path's address
     */
    public record Resolver(HostPort resolver, Optional<String> rcode, Optional<Duration> took, Optional<String> error,
                           Route route) {
        public Resolver {
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(rcode, "rcode");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(route, "route");
        }

        /** A resolver that answered NOERROR or NXDOMAIN serves this path. */
        boolean answered() {
            return rcode.filter(r -> r.equals("NOERROR") || r.equals("NXDOMAIN")).isPresent();
        }
    }

    /**
     * RFC 3263 location of one trunk's provider through one path's resolvers.
     *
     * @param targets     in the order the gateway would try them; empty when location failed
     * @param naptrRecords how many NAPTR records for the trunk's transport the path's resolvers gave
     * @param error       why location failed
     */
    public record Locate(Trunk trunk, List<ProviderTarget> targets, int naptrRecords, Optional<String> error) {
        public Locate {
            Objects.requireNonNull(trunk, "trunk");
            targets = List.copyOf(targets);
            Objects.requireNonNull(error, "error");
        }

        /** The SRV owner name the targets came from; empty when no SRV was involved. */
        Optional<String> srvName() {
            return targets.stream().flatMap(t -> t.srvName().stream()).findFirst();
        }
    }

    /**
     * One OPTIONS to one provider target from the path's address.
     *
     * @param status the final response's status; empty when none came
     * @param error  why none came
     */
    public record Options(Trunk trunk, ProviderTarget target, OptionalInt status, String reason, Optional<Duration> took,
                          Optional<String> error) {
        public Options {
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(error, "error");
        }
    }

    /** A TLS target's certificate as a handshake from the path's address found it. */
    public record Certificate(Trunk trunk, dev.lifeline.gateway.tls.ProviderTarget target, CertificateVerdict verdict) {
        public Certificate {
            Objects.requireNonNull(trunk, "trunk");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * Everything seen on one path.
     *
     * @param bindProblem      why the bind address cannot be used; empty when it can
     * @param interfaceProblem why the configured interface does not fit; empty when it does (or none is configured)
     * @param route            how the provider (or, without targets, the first resolver) is reached from the bind address
     */
    public record Path(WanPath path, Optional<String> bindProblem, Optional<String> interfaceProblem,
                       Optional<Route> route, List<Resolver> resolvers, List<Locate> locates, List<Options> options,
                       List<Certificate> certificates) {
        public Path {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(bindProblem, "bindProblem");
            Objects.requireNonNull(interfaceProblem, "interfaceProblem");
            Objects.requireNonNull(route, "route");
            resolvers = List.copyOf(resolvers);
            locates = List.copyOf(locates);
            options = List.copyOf(options);
            certificates = List.copyOf(certificates);
        }

        /** A path whose address cannot be bound: nothing else was tried on it. */
        static Path unbindable(WanPath path, String why, Optional<String> interfaceProblem) {
            return new Path(path, Optional.of(why), interfaceProblem, Optional.empty(), List.of(), List.of(), List.of(),
                    List.of());
        }
    }

    /**
     * The UPS as {@code upsc} reported it.
     *
     * @param runtime {@code battery.runtime}; empty when it could not be read
     * @param status  {@code ups.status}, e.g. "OL" (on line), "OB" (on battery), "LB" (low battery)
     * @param error   why it could not be read
     */
    public record Ups(String ups, Optional<Duration> runtime, Optional<String> status, Optional<String> error) {
        public Ups {
            Objects.requireNonNull(ups, "ups");
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(error, "error");
        }
    }
}
