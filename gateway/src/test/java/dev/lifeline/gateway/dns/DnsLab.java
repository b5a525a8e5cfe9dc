package dev.lifeline.gateway.dns;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.RecordingEventSink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Paths and resolvers for the socket tests: short timeouts, one attempt, a fake clock. */
final class DnsLab {

    static final DnsSettings FAST = DnsSettings.DEFAULTS.withQueryTimeout(Duration.ofMillis(300)).withAttempts(1);

    final FakeClock clock = new FakeClock();
    final RecordingEventSink events = new RecordingEventSink();

    PathResolver resolver(String pathName, String bind, DnsSettings settings, FakeDnsServer... servers) {
        List<HostPort> resolvers = Arrays.stream(servers).map(FakeDnsServer::address).toList();
        return new PathResolver(path(pathName, bind, resolvers), settings, clock, events::accept);
    }

    PathResolver resolver(String pathName, String bind, FakeDnsServer... servers) {
        return resolver(pathName, bind, FAST, servers);
    }

    static WanPath path(String name, String bind, List<HostPort> resolvers) {
        try {
            return new WanPath(name, InetAddress.getByName(bind), Optional.empty(), resolvers, 1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
