package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionValidationTest {

    private static final Duration S = Duration.ofSeconds(1);

    @Test
    void pathsAndTargetsMustBeNames() {
        assertThatThrownBy(() -> new Action.Blackhole("wan 1", true))
                .hasMessage("path \"wan 1\" is not a usable name; expected letters, digits, '-', '_' or '.', e.g. wan1");
        assertThatThrownBy(() -> new Action.ProviderFault("", Action.ProviderFault.Mode.SILENT))
                .hasMessageContaining("target \"\" is not a usable name").hasMessageEndingWith("e.g. sip1");
        assertThatThrownBy(() -> new Action.Restore(null)).hasMessageContaining("path nothing is not a usable name");
    }

    @Test
    void impairmentsAreChecked() {
        assertThatThrownBy(() -> Action.Impair.loss("wan1", 120))
                .hasMessage("lossPercent must be between 0 and 100, got 120");
        assertThatThrownBy(() -> new Action.Impair("wan1", Action.Impair.Direction.UP, Duration.ofMillis(-5),
                Duration.ZERO, 1, BurstLoss.NONE, 0)).hasMessage("delay must not be negative, got -5ms");
        assertThatThrownBy(() -> new Action.Impair("wan1", Action.Impair.Direction.BOTH, Duration.ZERO,
                Duration.ZERO, 0, BurstLoss.NONE, 0))
                .hasMessageContaining("impair on wan1 changes nothing; give delay, jitter, lossPercent, burst or rateKbps");
        assertThatThrownBy(() -> new Action.Impair("wan1", Action.Impair.Direction.BOTH, Duration.ZERO,
                Duration.ZERO, 1, BurstLoss.NONE, -1)).hasMessageContaining("rateKbps must be 0 (unlimited) or more");
        assertThatThrownBy(() -> new Action.Impair("wan1", Action.Impair.Direction.BOTH, Duration.ofNanos(1500),
                Duration.ZERO, 1, BurstLoss.NONE, 0)).hasMessageContaining("delay must be whole milliseconds");
    }

    @Test
    void burstsCanBeGivenAsMeanLength() {
        BurstLoss b = BurstLoss.ofMeanLength(4, 5);

        assertThat(b.r()).isEqualTo(0.25);
        assertThat(b.meanLength()).isEqualTo(4);
        assertThat(b.lossPercent()).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(BurstLoss.NONE.active()).isFalse();
        assertThatThrownBy(() -> new BurstLoss(0.1, 0)).hasMessageContaining("the first burst would never end");
        assertThatThrownBy(() -> new BurstLoss(1.5, 0.5)).hasMessage("burst p must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> BurstLoss.ofMeanLength(0.5, 5)).hasMessageContaining("at least 1 packet");
    }

    @Test
    void callsAreChecked() {
        assertThatThrownBy(() -> new Action.PlaceCalls(List.of("1001"), "+15557000", 2, S, 3))
                .hasMessage("concurrency 3 is more than count 2; expected at most as many calls at once as there are calls");
        assertThatThrownBy(() -> new Action.PlaceCalls(List.of("reception"), "1002", 1, S, 1))
                .hasMessage("from \"reception\" is not an extension; expected digits, e.g. 1001");
        assertThatThrownBy(() -> new Action.PlaceCalls(List.of(), "call-me", 1, S, 1))
                .hasMessageContaining("to \"call-me\" is not a dialable number");
        assertThatThrownBy(() -> new Action.PlaceCalls(List.of(), "1002", 0, S, 1))
                .hasMessage("count must be at least 1, got 0");
        assertThatThrownBy(() -> new Action.PlaceCalls(List.of(), "1002", 1, Duration.ZERO, 1))
                .hasMessage("duration must be longer than zero, got 0s");
        assertThatThrownBy(() -> new Action.InboundCalls("15550100", Action.InboundCalls.CallerIdFormat.E164, 1, S))
                .hasMessageContaining("did \"15550100\" is not an E.164 number");
        assertThatThrownBy(() -> new Action.EmergencyCall("1001", "nine-one-one"))
                .hasMessageContaining("number \"nine-one-one\" is not a dialable number");
    }

    @Test
    void dnsRecordNamesAreRelativeToTheZone() {
        assertThat(new Action.DnsRemove("wan1", "_sip._udp", Action.DnsRemove.RecordType.SRV).describe())
                .isEqualTo("remove SRV _sip._udp from the DNS view of wan1");
        assertThat(new Action.DnsRemove("wan1", "@", Action.DnsRemove.RecordType.NAPTR).recordName()).isEqualTo("@");
        assertThatThrownBy(() -> new Action.DnsRemove("wan1", "bad name", Action.DnsRemove.RecordType.A))
                .hasMessageContaining("record \"bad name\" is not a record name");
    }

    @Test
    void spansAndFaults() {
        assertThat(new Action.PlaceCalls(List.of(), "1002", 5, Duration.ofSeconds(10), 2).span())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(new Action.InboundCalls("+15550100", Action.InboundCalls.CallerIdFormat.NATIONAL, 3,
                Duration.ofSeconds(4)).span()).isEqualTo(Duration.ofSeconds(12));
        assertThat(new Action.Wait(Duration.ofSeconds(7)).span()).isEqualTo(Duration.ofSeconds(7));
        assertThat(new Action.Blackhole("wan1", true).span()).isZero();

        assertThat(new Action.Blackhole("wan1", true).isFault()).isTrue();
        assertThat(new Action.Blackhole("wan1", false).isFault()).isFalse();
        assertThat(new Action.DnsFault("wan1", Action.DnsFault.Mode.NONE).isFault()).isFalse();
        assertThat(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.SERVICE_UNAVAILABLE).isFault()).isTrue();
        assertThat(new Action.RestartGateway().isFault()).isTrue();
        assertThat(new Action.Restore("wan1").isFault()).isFalse();
    }

    @Test
    void descriptionsReadAsProgressLines() {
        assertThat(new Step(Duration.ofMillis(2500), new Action.Blackhole("wan1", true)).describe())
                .isEqualTo("+2500ms blackhole wan1");
        assertThat(new Action.Impair("wan2", Action.Impair.Direction.DOWN, Duration.ofMillis(40),
                Duration.ofMillis(10), 3, BurstLoss.NONE, 512).describe())
                .isEqualTo("impair wan2 down delay 40ms ±10ms loss 3% rate 512kbit/s");
        assertThat(new Action.PlaceCalls(List.of("1001", "1002"), "+15557000", 4, Duration.ofSeconds(30), 2)
                .describe()).isEqualTo("4 calls from 1001,1002 to +15557000 for 30s, 2 at a time");
        assertThat(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.REQUEST_TIMEOUT).describe())
                .isEqualTo("provider target sip1 answers 408");
    }

    @Test
    void scenariosAreChecked() {
        Step late = new Step(Duration.ofSeconds(5), new Action.Blackhole("wan1", true));
        Step early = new Step(Duration.ofSeconds(2), new Action.Restore("wan1"));
        Slo slo = Slo.atMost("detection", Metrics.DETECTION_S, 1, "s");

        assertThatThrownBy(() -> new Scenario("x", "", List.of(late, early), List.of(slo), Map.of()))
                .hasMessage("step 2 at 2s comes before the previous step at 5s; list steps in time order");
        assertThatThrownBy(() -> new Scenario("x", "", List.of(late), List.of(), Map.of()))
                .hasMessageContaining("has no SLOs; expected at least one expectation");
        assertThatThrownBy(() -> new Scenario("x", "", List.of(), List.of(slo), Map.of()))
                .hasMessageContaining("has no steps");
        assertThatThrownBy(() -> new Scenario("x", "", List.of(late), List.of(slo, slo), Map.of()))
                .hasMessage("SLO name \"detection\" is used twice; expected each SLO named once");
        assertThatThrownBy(() -> new Scenario("WAN Flap", "", List.of(late), List.of(slo), Map.of()))
                .hasMessageContaining("scenario name \"WAN Flap\" is not usable");
        assertThatThrownBy(() -> new Scenario("x", "", List.of(new Step(Duration.ZERO,
                new Action.Wait(Duration.ofHours(2)))), List.of(slo), Map.of()))
                .hasMessageContaining("lasts 2h; expected at most 1h (check the units: 5m is minutes)");
    }

    @Test
    void theLatestFaultIsWhereMeasuredTimesStart() {
        Scenario s = BuiltInSuite.byName("wan-total-loss").orElseThrow();

        assertThat(s.faultAtOrBefore(Duration.ofMillis(2900))).map(Step::action)
                .contains(new Action.Blackhole("wan1", true));
        assertThat(s.faultAtOrBefore(Duration.ofSeconds(20))).map(Step::at).contains(Duration.ofSeconds(2));
        assertThat(s.faultAtOrBefore(Duration.ofSeconds(1))).isEmpty();
    }
}
