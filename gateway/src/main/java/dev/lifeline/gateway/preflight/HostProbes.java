package dev.lifeline.gateway.preflight;

import dev.lifeline.gateway.config.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** What the host says about a path: the address, the interface, the route, the resolvers. Each call is bounded. */
public final class HostProbes {

    /** Enough for {@code ip route get}; a kernel that takes longer has worse problems. */
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_OUTPUT = 4096;

    private final String ipCommand;

    /** @param ipCommand the iproute2 {@code ip} command (a path, or a name looked up on PATH) */
    public HostProbes(String ipCommand) {
        this.ipCommand = ipCommand;
    }

    public HostProbes() {
        this("ip");
    }

    /** Why {@code address} cannot be bound here (it is not this host's); empty when it can. */
    public Optional<String> bindProblem(InetAddress address) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Why {@code name} does not carry {@code address} or is down; empty when it is up and carries it. */
    public Optional<String> interfaceProblem(String name, InetAddress address) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return Optional.of("there is no interface " + name + " on this host");
            }
            if (!nic.isUp()) {
                return Optional.of("interface " + name + " is down");
            }
            List<InterfaceAddress> addresses = nic.getInterfaceAddresses();
            boolean carries = addresses.stream().anyMatch(a -> a.getAddress().equals(address))
                    // the whole of 127/8 is local on the loopback interface, though only 127.0.0.1 is listed
                    || (nic.isLoopback() && address.isLoopbackAddress());
            if (!carries) {
                return Optional.of("interface " + name + " does not carry " + address.getHostAddress() + " (it has "
                        + addresses.stream().map(a -> a.getAddress().getHostAddress()).collect(Collectors.joining(", "))
                        + ")");
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.of("cannot read interface " + name + ": " + e.getMessage());
        }
    }

    /** {@code ip route get DST from SRC}: the interface the kernel sends from SRC to DST through. */
    public Observed.Route route(InetAddress destination, InetAddress source) {
        return route(destination, source, Optional.empty());
    }

    /**
     * As {@link #route(InetAddress, InetAddress)}; with {@code device}, the route a socket pinned
     * to that device (the path's {@code interface:}, SO_BINDTODEVICE) takes: {@code ... oif DEV}.
     */
    public Observed.Route route(InetAddress destination, InetAddress source, Optional<String> device) {
        String dst = destination.getHostAddress();
        List<String> command = new ArrayList<>(List.of(ipCommand, "route", "get", dst, "from", source.getHostAddress()));
        device.ifPresent(d -> command.addAll(List.of("oif", d)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Observed.Route.failed(dst, "cannot run '" + ipCommand + "' (iproute2): " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(ROUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Observed.Route.failed(dst, ipCommand + " route get took longer than " + ROUTE_TIMEOUT.toSeconds() + " s");
            }
            String output = read(process.getInputStream());
            if (process.exitValue() != 0) {
                return Observed.Route.failed(dst, ipCommand + " route get: " + output.strip());
            }
            return Observed.Route.parse(dst, output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return Observed.Route.failed(dst, "cannot read " + ipCommand + "'s output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Observed.Route.failed(dst, "interrupted");
        }
    }

    /**
     * One query for {@code name} NAPTR to {@code resolver}, sent from {@code source}; any RCODE is
     * an answer (the judge decides which serve), no answer within {@code timeout} is an error.
     */
    public Observed.Resolver askResolver(HostPort resolver, InetAddress source, String name, Duration timeout) {
        InetAddress server;
        try {
            server = InetAddress.getByName(resolver.host()); // an IP literal: the reader refuses names
        } catch (IOException e) {
            return new Observed.Resolver(resolver, Optional.empty(), Optional.empty(),
                    Optional.of("not an IP address"), Observed.Route.failed(resolver.host(), "not an IP address"));
        }
        Observed.Route route = route(server, source);
        long start = System.nanoTime();
        try {
            SimpleResolver r = new SimpleResolver(new InetSocketAddress(server, resolver.port().orElse(53)));
            r.setLocalAddress(new InetSocketAddress(source, 0));
            r.setTimeout(timeout);
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.NAPTR, DClass.IN));
            Message answer = r.send(query);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Observed.Resolver(resolver, Optional.of(Rcode.string(answer.getRcode())), Optional.of(took),
                    Optional.empty(), route);
        } catch (TextParseException e) {
            return new Observed.Resolver(resolver, Optional.empty(), Optional.empty(),
                    Optional.of("'" + name + "' is not a DNS name"), route);
        } catch (IOException e) {
            String why = e instanceof java.net.SocketTimeoutException || String.valueOf(e.getMessage()).contains("Timed out")
                    ? "timed out" : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new Observed.Resolver(resolver, Optional.empty(), Optional.empty(), Optional.of(why), route);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
    }
}
