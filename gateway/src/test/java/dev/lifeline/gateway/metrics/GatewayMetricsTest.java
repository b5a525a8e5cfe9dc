package dev.lifeline.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.admission.GatewayAdmission;
import dev.lifeline.gateway.admission.Priority;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.path.PathStatus;
import dev.lifeline.gateway.routing.TrunkSummary;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics as Prometheus reads them: text that parses, gauges that follow the live state, counters that follow events. */
class GatewayMetricsTest {

    final FakeClock clock = new FakeClock();
    final FakeLiveState live = new FakeLiveState();
    final GatewayMetrics metrics = new GatewayMetrics(live, clock, "Branch \"7\"", List.of("wan1", "wan2"),
            List.of("provider"), 5000);

    Exposition scrape() {
        return Exposition.parse(metrics.scrape());
    }

    PathStatus path(String name, String state, boolean active, double loss, double rtt, double jitter, double r) {
        return new PathStatus(name, state, clock.instant(), active, loss, rtt, jitter, r, "test");
    }

    @Test
    void theExpositionParsesAndDeclaresEachFamilyOnce() {
        Exposition e = scrape();

        assertThat(e.value("lifeline_up")).isEqualTo(1);
        assertThat(e.types()).containsEntry("lifeline_up", "gauge")
                .containsEntry("lifeline_path_state", "gauge")
                .containsEntry("lifeline_path_probe_failures_total", "counter")
                .containsEntry("lifeline_registrar_registrations_total", "counter")
                .containsEntry("lifeline_admission_requests_total", "counter");
        assertThat(e.find("lifeline_info").get(0).labels()).containsEntry("site", "Branch \"7\"");
        assertThat(e.names()).allMatch(n -> n.startsWith("lifeline_"));
    }

    @Test
    void pathFiguresAreUnknownUntilMeasuredThenInBaseUnits() {
        assertThat(scrape().value("lifeline_path_state", "path", "wan1")).isNaN();

        live.paths = List.of(path("wan1", "up", true, 2.5, 40, 3, 88.2), path("wan2", "up", false, -1, -1, -1, Double.NaN));
        Exposition e = scrape();

        assertThat(e.value("lifeline_path_state", "path", "wan1")).isEqualTo(1);
        assertThat(e.value("lifeline_path_active", "path", "wan1")).isEqualTo(1);
        assertThat(e.value("lifeline_path_active", "path", "wan2")).isEqualTo(0);
        assertThat(e.value("lifeline_path_loss_ratio", "path", "wan1")).isEqualTo(0.025);
        assertThat(e.value("lifeline_path_rtt_seconds", "path", "wan1")).isEqualTo(0.040);
        assertThat(e.value("lifeline_path_jitter_seconds", "path", "wan1")).isEqualTo(0.003);
        assertThat(e.value("lifeline_path_r_factor", "path", "wan1")).isEqualTo(88.2);
        assertThat(e.value("lifeline_path_loss_ratio", "path", "wan2")).isNaN();
        assertThat(e.value("lifeline_path_r_factor", "path", "wan2")).isNaN();
    }

    @Test
    void aFailoverShowsInTheStateGaugesAndIsCountedByReason() {
        live.paths = List.of(path("wan1", "up", true, 0, 20, 1, 93), path("wan2", "up", false, 0, 25, 1, 93));
        metrics.accept(new Event.ActivePathChanged(clock.instant(), "", "wan1", "wan1 is the preferred path (assumed up at start)"));
        assertThat(scrape().value("lifeline_path_switches_total", "reason", "start", "to", "wan1")).isEqualTo(1);

        live.paths = List.of(path("wan1", "down", false, 100, -1, -1, Double.NaN), path("wan2", "up", true, 0, 25, 1, 93));
        live.optionsFailures = Map.of("wan1", 3L);
        metrics.accept(new Event.PathStateChanged(clock.instant(), "wan1", "down", "quality probes silent for 600 ms"));
        metrics.accept(new Event.ActivePathChanged(clock.instant(), "wan1", "wan2",
                "wan1 down: quality probes silent for 600 ms"));
        Exposition e = scrape();

        assertThat(e.value("lifeline_path_state", "path", "wan1")).isEqualTo(0);
        assertThat(e.value("lifeline_path_active", "path", "wan2")).isEqualTo(1);
        assertThat(e.value("lifeline_path_probe_failures_total", "path", "wan1")).isEqualTo(3);
        assertThat(e.value("lifeline_path_probe_failures_total", "path", "wan2")).isEqualTo(0);
        assertThat(e.value("lifeline_path_state_changes_total", "path", "wan1", "state", "down")).isEqualTo(1);
        assertThat(e.value("lifeline_path_switches_total", "from", "wan1", "to", "wan2")).isEqualTo(1);
        assertThat(e.find("lifeline_path_switches_total", "from", "wan1").get(0).labels())
                .containsEntry("reason", "probes_silent");
    }

    @Test
    void trunkStateUsesTheDocumentedNumbers() {
        assertThat(scrape().value("lifeline_trunk_state", "trunk", "provider")).isNaN();
        for (var c : List.of(Map.entry("registering", 0.0), Map.entry("registered", 1.0), Map.entry("failing", 2.0),
                Map.entry("unregistered", 0.0))) {
            live.trunks = List.of(new TrunkSummary("provider", c.getKey(), ""));
            assertThat(scrape().value("lifeline_trunk_state", "trunk", "provider")).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void aFinishedCallCountsByRouteAndOutcomeWithSetupTimeAndMos() {
        Instant t0 = clock.instant();
        metrics.accept(new Event.CallStarted(t0, "c1", "1001", "5551234", "trunk provider"));
        metrics.accept(ended("c1", "trunk provider", 200, t0.plusMillis(1500), 500, 4.1, 500, 3.2));
        metrics.accept(new Event.CallStarted(t0, "c2", "1001", "1002", "internal"));
        metrics.accept(ended("c2", "internal", 486, null, 0, 0, 0, 0));
        Exposition e = scrape();

        assertThat(e.value("lifeline_calls_total", "route", "trunk", "trunk", "provider", "outcome", "answered"))
                .isEqualTo(1);
        assertThat(e.value("lifeline_calls_total", "route", "internal", "outcome", "busy")).isEqualTo(1);
        assertThat(e.types()).containsEntry("lifeline_call_setup_seconds", "histogram")
                .containsEntry("lifeline_call_mos_cqe", "histogram");
        assertThat(e.value("lifeline_call_setup_seconds_count", "route", "trunk")).isEqualTo(1);
        assertThat(e.value("lifeline_call_setup_seconds_sum", "route", "trunk")).isEqualTo(1.5);
        assertThat(e.value("lifeline_call_setup_seconds_bucket", "route", "trunk", "le", "1.0")).isEqualTo(0);
        assertThat(e.value("lifeline_call_setup_seconds_bucket", "route", "trunk", "le", "2.0")).isEqualTo(1);
        // No setup time for the call that was never answered, and no MOS where no audio flowed.
        assertThat(e.find("lifeline_call_setup_seconds_count", "route", "internal")).isEmpty();
        assertThat(e.find("lifeline_call_mos_cqe_count", "route", "internal")).isEmpty();
        assertThat(e.value("lifeline_call_mos_cqe_bucket", "direction", "from_caller", "le", "4.0")).isEqualTo(0);
        assertThat(e.value("lifeline_call_mos_cqe_bucket", "direction", "from_caller", "le", "4.2")).isEqualTo(1);
        assertThat(e.value("lifeline_call_mos_cqe_bucket", "direction", "from_callee", "le", "3.5")).isEqualTo(1);
    }

    @Test
    void eachLegIsShownApartAndTheLegLosingPacketsIsCounted() {
        Instant t0 = clock.instant();
        metrics.accept(new Event.CallStarted(t0, "c1", "1001", "5551234", "trunk provider"));
        metrics.accept(new Event.CallQuality(t0.plusSeconds(5), "c1", "from caller", 250, 4.0, 2, -1, 80, 4.0, "lan"));
        metrics.accept(new Event.CallQuality(t0.plusSeconds(5), "c1", "from callee", 250, 0.0, 1, -1, 93, 4.4, "wan"));
        Exposition live = scrape();

        assertThat(live.value("lifeline_calls_leg_losing", "leg", "lan")).isEqualTo(1);
        assertThat(live.value("lifeline_calls_leg_losing", "leg", "wan")).isEqualTo(0);

        metrics.accept(new Event.CallEnded(t0.plusSeconds(10), "c1", "1001", "5551234", "trunk provider", 200, "x",
                Event.Hangup.CALLER, t0.plusSeconds(1), Duration.ofSeconds(9), 450, 4.1, 12, 78, 3.9, 450, 0.0, 1, 93, 4.4,
                "lan", "wan", "lan", "LAN leg losing 4.1 % from phone 1001"));
        Exposition e = scrape();

        assertThat(e.value("lifeline_calls_leg_losing", "leg", "lan")).as("the call ended").isEqualTo(0);
        assertThat(e.value("lifeline_call_leg_blame_total", "verdict", "lan")).isEqualTo(1);
        assertThat(e.value("lifeline_call_leg_loss_percent_bucket", "leg", "lan", "le", "3.0")).isEqualTo(0);
        assertThat(e.value("lifeline_call_leg_loss_percent_bucket", "leg", "lan", "le", "5.0")).isEqualTo(1);
        assertThat(e.value("lifeline_call_leg_loss_percent_bucket", "leg", "wan", "le", "0.1")).isEqualTo(1);
        assertThat(e.value("lifeline_call_leg_jitter_seconds_sum", "leg", "lan")).isEqualTo(0.012);
        assertThat(e.value("lifeline_call_leg_mos_cqe_bucket", "leg", "lan", "le", "4.0")).isEqualTo(1);
        assertThat(e.value("lifeline_call_leg_mos_cqe_bucket", "leg", "wan", "le", "4.2")).isEqualTo(0);
    }

    @Test
    void certificateDaysCountDownOnTheClock() {
        metrics.accept(new Event.CertificateChecked(clock.instant(), "provider sip.example:5061 via wan1", "warning",
                clock.instant().plus(Duration.ofDays(10)), "expires in 10 days"));
        assertThat(scrape().value("lifeline_certificate_expires_in_seconds", "subject",
                "provider sip.example:5061 via wan1")).isEqualTo(10 * 86_400);

        clock.advance(Duration.ofDays(1).plusHours(12));
        Exposition e = scrape();

        assertThat(e.value("lifeline_certificate_expires_in_seconds") / 86_400).isEqualTo(8.5);
        assertThat(e.value("lifeline_certificate_severity")).isEqualTo(1);
    }

    @Test
    void registrationsBansDnsAndAdmissionAreCounted() {
        assertThat(scrape().value("lifeline_registrar_registrations_total", "result", "new")).isZero();
        metrics.accept(new Event.BindingSaved(clock.instant(), "1001", "sip:1001@x", clock.instant(), null, null, false));
        metrics.accept(new Event.BindingSaved(clock.instant(), "1001", "sip:1001@x", clock.instant(), null, null, true));
        metrics.accept(new Event.SourceBanned(clock.instant(), InetAddress.getLoopbackAddress(), clock.instant(), "x"));
        metrics.accept(new Event.DnsProblem(clock.instant(), "wan2", "_sip._udp.example", "SRV", true, "timeout"));
        metrics.accept(new Event.DnsProblem(clock.instant(), "somewhere", "example", "A", true, "timeout"));
        live.admission = Map.of(Priority.NEW_REGISTER, new GatewayAdmission.Counts(7, 2, 1));
        live.relay = Map.of(InetAddress.getLoopbackAddress(), 4);
        Exposition e = scrape();

        assertThat(e.value("lifeline_registrar_registrations_total", "result", "new")).isEqualTo(1);
        assertThat(e.value("lifeline_registrar_registrations_total", "result", "refresh")).isEqualTo(1);
        assertThat(e.value("lifeline_bans_total")).isEqualTo(1);
        assertThat(e.value("lifeline_dns_stale_answers_total", "path", "wan2")).isEqualTo(1);
        assertThat(e.value("lifeline_dns_stale_answers_total", "path", "other")).isEqualTo(1);
        assertThat(e.value("lifeline_admission_requests_total", "class", "new-register", "decision", "refused"))
                .isEqualTo(2);
        assertThat(e.value("lifeline_admission_requests_total", "class", "emergency", "decision", "admitted")).isZero();
        assertThat(e.value("lifeline_media_relay_port_pairs", "address", "127.0.0.1")).isEqualTo(4);
        assertThat(e.value("lifeline_media_relay_port_pairs_capacity", "address", "127.0.0.1")).isEqualTo(5000);
    }

    private Event.CallEnded ended(String id, String route, int status, Instant answered, long callerPackets,
                                  double callerMos, long calleePackets, double calleeMos) {
        return new Event.CallEnded(clock.instant().plusSeconds(60), id, "1001", "x", route, status, "test",
                Event.Hangup.CALLER, answered, Duration.ZERO, callerPackets, 0, 0, 0, callerMos, calleePackets, 0, 0, 0,
                calleeMos, "lan", "wan", "none", "test");
    }
}
