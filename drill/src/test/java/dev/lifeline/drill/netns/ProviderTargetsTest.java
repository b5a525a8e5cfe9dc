package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.BuiltInSuite;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.report.ReportEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kernel-level lab's two provider targets: their records, how one is stopped, and what the captures tell of it. */
class ProviderTargetsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyPathsResolverPublishesBothTargetsWithTheInProcessLabsSrvPriorities() {
        assertThat(NetnsPlan.providerRecords(Set.of())).containsExactly(
                "--naptr-record=provider.test,10,10,S,SIP+D2U,,_sip._udp.provider.test",
                "--host-record=sip1.provider.test,198.18.0.10",
                "--host-record=sip2.provider.test,198.18.0.11",
                "--srv-host=_sip._udp.provider.test,sip1.provider.test,5060,10,10",
                "--srv-host=_sip._udp.provider.test,sip2.provider.test,5060,20,10");
        assertThat(NetnsPlan.of(1, 1).setup()).contains(List.of("ip", "-n", "lifeline-1-0001-inet", "addr", "add",
                "198.18.0.11/32", "dev", "lo"));
    }

    @Test
    void aRemovedRecordSetIsLeftOutOfTheZone() {
        assertThat(NetnsPlan.providerRecords(Set.of("SRV _sip._udp"))).noneMatch(r -> r.startsWith("--srv-host"))
                .hasSize(3);
        assertThat(NetnsPlan.providerRecords(Set.of("A sip1"))).noneMatch(r -> r.contains("198.18.0.10")).hasSize(4);
    }

    @Test
    void aTargetTheLabDoesNotRunIsAnErrorNamingTheOnesItDoes() {
        assertThatThrownBy(() -> NetnsPlan.providerTarget("sip3")).hasMessageContaining("sip3").hasMessageContaining("[sip1, sip2]");
        assertThatThrownBy(() -> KernelStep.ofProvider(new Action.ProviderFault("sip3", Action.ProviderFault.Mode.SILENT),
                List.of(7L))).hasMessageContaining("sip3");
    }

    @Test
    void aSilentTargetIsItsKamailioStoppedWholeAndContinuedAfter() {
        KernelStep s = KernelStep.ofProvider(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.SILENT),
                List.of(100L, 101L, 102L)).orElseThrow();

        assertThat(s.kind()).isEqualTo(KernelStep.PROVIDER);
        assertThat(s.apply()).containsExactly(List.of("kill", "-STOP", "100", "101", "102"));
        assertThat(s.undo()).containsExactly(List.of("kill", "-CONT", "100", "101", "102"));
        assertThat(s.describe()).contains("sip1 (198.18.0.10)").contains("SIGSTOP");
        assertThat(KernelStep.ofProvider(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.HEALTHY), List.of(100L)))
                .as("healthy undoes the stop; nothing of its own").isEmpty();
        assertThatThrownBy(() -> NetnsPlan.providerStopped(List.of())).hasMessageContaining("no provider process");
    }

    @Test
    void modesTheLabCannotMakeSayWhyAndAreNotMade() {
        assertThat(KernelStep.whyNot(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.SILENT))).isEmpty();
        assertThat(KernelStep.whyNot(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.HEALTHY))).isEmpty();
        assertThat(KernelStep.whyNot(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.SERVICE_UNAVAILABLE)))
                .hasValueSatisfying(w -> assertThat(w).contains("503"));
        assertThat(KernelStep.whyNot(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.DROPPED)))
                .hasValueSatisfying(w -> assertThat(w).contains("media"));
        assertThatThrownBy(() -> KernelStep.ofProvider(new Action.ProviderFault("sip1", Action.ProviderFault.Mode.REQUEST_TIMEOUT),
                List.of(1L))).hasMessageContaining("408");
    }

    @Test
    void providerTargetDownRunsInTheFullSuiteWithEveryBuiltInSlo() {
        assertThat(NetnsSuite.full()).extracting(NetnsScenario::name).contains("provider-target-down");
        assertThat(NetnsSuite.quick()).extracting(NetnsScenario::name).doesNotContain("provider-target-down");
        assertThat(NetnsSuite.inProcessOnly()).doesNotContainKey("provider-target-down");

        NetnsScenario s = NetnsSuite.byName("provider-target-down").orElseThrow();
        var builtIn = BuiltInSuite.byName("provider-target-down").orElseThrow();
        assertThat(s.left()).isEmpty();
        assertThat(s.scenario().slos()).isEqualTo(builtIn.slos());
        assertThat(s.scenario().timeline()).filteredOn(step -> step.action() instanceof Action.ProviderFault).hasSize(2);
        assertThat(NetnsRunner.kernelFaults(s)).isEqualTo("provider target SIGSTOP");
    }

    @Test
    void registrationRecoveryIsTheFirstRegisterOkFromTheOtherTargetAfterTheStop() {
        Instant stop = T0.plusMillis(2000);
        List<Datagram> wan1 = List.of(
                registerOk(1000, "198.18.0.11", "10.201.1.2"),   // before the stop: not a recovery
                registerOk(2500, "198.18.0.10", "10.201.1.2"),   // the stopped target's own (queued) answer
                registerOk(5500, "198.18.0.11", "10.201.1.2"));
        List<Datagram> wan2 = List.of(registerOk(6000, "198.18.0.11", "10.201.2.2"));

        var f = NetnsRunner.providerFigures(wan1, wan2, Map.of("sip1", stop)).get(Metrics.REGISTRATION_RECOVERY_S);

        assertThat(f.value()).isEqualTo(3.5);
        assertThat(f.observedAt()).contains("wan1.pcap");
        assertThat(f.sighting().what()).contains("198.18.0.11");
        assertThat(NetnsRunner.providerFigures(wan1, wan2, Map.of())).isEmpty();
        assertThat(NetnsRunner.providerFigures(List.of(registerOk(3000, "198.18.0.10", "10.201.1.2")), List.of(),
                Map.of("sip1", stop))).as("no other target answered: not measured").isEmpty();
    }

    @Test
    void theProviderSideCaptureTellsWhenTheSitesRequestsFirstReachedTheOtherTarget() {
        List<Datagram> inet = List.of(
                request(1000, "INVITE", "100.64.1.2", "198.18.0.10"),
                request(3000, "REGISTER", "100.64.1.2", "198.18.0.11"),
                request(4000, "INVITE", "198.18.0.30", "198.18.0.11"),   // the far end, not the site
                request(8000, "INVITE", "100.64.1.2", "198.18.0.11"));
        List<ReportEvent> events = new ArrayList<>();

        NetnsRunner.providerEvents(inet, Map.of("sip1", T0.plusMillis(2000)), T0, events);

        assertThat(events).extracting(ReportEvent::atOffsetMillis).containsExactly(3000L, 8000L);
        assertThat(events.get(1).summary()).contains("first INVITE to the other provider target 198.18.0.11").contains("inet.pcap");
    }

    @Test
    void aRecordSetTheResolversServeIsRemovedByTheKernelLabAndOneTheyDoNotServeSaysSo() {
        Action.DnsRemove srv = new Action.DnsRemove("wan1", "_sip._udp", Action.DnsRemove.RecordType.SRV);
        Action.DnsRemove naptr = new Action.DnsRemove("wan1", "@", Action.DnsRemove.RecordType.NAPTR);

        assertThat(KernelStep.recordSet(srv)).isEqualTo("SRV _sip._udp");
        assertThat(KernelStep.whyNot(srv)).isEmpty();
        assertThat(KernelStep.whyNot(new Action.DnsRemove("wan1", "sip2", Action.DnsRemove.RecordType.A))).isEmpty();
        assertThat(KernelStep.whyNot(naptr)).isEmpty();
        assertThat(KernelStep.whyNot(new Action.DnsRemove("wan1", "@", Action.DnsRemove.RecordType.AAAA)))
                .hasValueSatisfying(w -> assertThat(w).contains("AAAA @").contains("SRV _sip._udp"));
        assertThat(NetnsPlan.providerRecords(Set.of(KernelStep.recordSet(srv)))).noneMatch(r -> r.startsWith("--srv-host"))
                .anyMatch(r -> r.startsWith("--naptr-record="));
        assertThat(NetnsPlan.providerRecords(Set.of(KernelStep.recordSet(naptr)))).noneMatch(r -> r.startsWith("--naptr-record"))
                .anyMatch(r -> r.startsWith("--srv-host"));
    }

    @Test
    void dnsFailureKeepsItsRecordRemovalWhenAdaptedAndRunsAtKernelLevel() {
        NetnsScenario s = NetnsSuite.adapt(BuiltInSuite.byName("dns-failure").orElseThrow(), KernelFault.LINK_DOWN);

        assertThat(s.scenario().timeline()).anyMatch(step -> step.action() instanceof Action.DnsRemove);
        assertThat(s.left()).noneMatch(l -> l.contains("remove SRV"));
        assertThat(NetnsSuite.inProcessOnly()).doesNotContainKey("dns-failure");
    }

    @Test
    void theTrunkBackOnTheRestartedTargetIsAnEventAndItsAbsenceIsSaid() {
        List<ReportEvent> events = new ArrayList<>();
        List<Datagram> wan1 = List.of(registerOk(15000, "198.18.0.10", "10.201.1.2"), registerOk(17250, "198.18.0.10", "10.201.1.2"));

        NetnsRunner.providerBackEvents(wan1, List.of(), Map.of("sip1", T0.plusMillis(16000)), T0, events);
        NetnsRunner.providerBackEvents(List.of(), List.of(), Map.of("sip1", T0.plusMillis(16000)), T0, events);

        assertThat(events.get(0).atOffsetMillis()).isEqualTo(17250);
        assertThat(events.get(0).summary()).contains("registered with sip1 (198.18.0.10) again, 1.25 s after").contains("wan1.pcap");
        assertThat(events.get(1).summary()).startsWith("no 200 OK to a REGISTER from sip1");
    }

    private static Datagram registerOk(long ms, String from, String to) {
        return sip(ms, from, to, "SIP/2.0 200 OK\r\nCSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n");
    }

    private static Datagram request(long ms, String method, String from, String to) {
        return sip(ms, from, to, method + " sip:x@provider.test SIP/2.0\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
    }

    private static Datagram sip(long ms, String from, String to, String text) {
        return new Datagram(T0.plusMillis(ms), from, 5060, to, 5060, text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
