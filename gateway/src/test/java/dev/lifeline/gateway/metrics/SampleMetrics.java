package dev.lifeline.gateway.metrics;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.routing.TrunkSummary;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Metrics with every family present: what the examples and the format checks are held against. */
public final class SampleMetrics {

    private SampleMetrics() {
    }

    /** The exposition of a gateway with two paths and a trunk that has seen one event of every kind metrics count. */
    public static Exposition everything() {
        return Exposition.parse(text());
    }

    /** As {@link #everything()}, the text as served. */
    public static String text() {
        FakeClock clock = new FakeClock();
        FakeLiveState live = new FakeLiveState();
        Instant t = clock.instant();
        live.paths = List.of(new PathStatus("wan1", "up", t, true, 0, 20, 1, 93, "x"));
        live.trunks = List.of(new TrunkSummary("provider", "registered", ""));
        live.relay = Map.of(InetAddress.getLoopbackAddress(), 1);
        GatewayMetrics m = new GatewayMetrics(live, clock, "site", List.of("wan1", "wan2"), List.of("provider"), 100);
        List<Event> events = List.of(
                new Event.ActivePathChanged(t, "", "wan1", "wan1 is the preferred path (assumed up at start)"),
                new Event.PathStateChanged(t, "wan1", "down", "quality probes silent for 600 ms"),
                new Event.PathSuspicion(t, "wan1", "suspect", "x"),
                new Event.TrunkStateChanged(t, "provider", "registered", "200 OK"),
                new Event.TrunkMoved(t, "provider", "wan2", "udp 192.0.2.1:5060", "sip:x"),
                new Event.ProviderTargetFailed(t, "provider", "OPTIONS", "udp 192.0.2.1:5060", "timeout"),
                new Event.BindingSaved(t, "1001", "sip:1001@x", t, null, null, false),
                new Event.BindingExpired(t, "1001", "sip:1001@x", t),
                new Event.AuthenticationFailed(t, "INVITE", "1001", null, null, "x"),
                new Event.SourceBanned(t, InetAddress.getLoopbackAddress(), t, "x"),
                new Event.DnsProblem(t, "wan1", "x", "A", true, "x"),
                new Event.CallStarted(t, "c", "1001", "5551234", "trunk provider"),
                new Event.CallEnded(t.plusSeconds(9), "c", "1001", "5551234", "trunk provider", 200, "x",
                        Event.Hangup.CALLER, t.plusSeconds(2), Duration.ofSeconds(7), 10, 0, 0, 93, 4.4, 10, 0, 0, 93, 4.4,
                        "lan", "wan", "none", "x"),
                new Event.CallMediaMoved(t, "c", "wan2", 200, Duration.ofMillis(300)),
                new Event.CertificateChecked(t, "listener tls 127.0.0.1:5061", "ok", t.plus(Duration.ofDays(90)), "x"));
        events.forEach(m::accept);
        return m.scrape();
    }

}
