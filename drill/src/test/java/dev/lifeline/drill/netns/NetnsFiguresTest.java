package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.scenario.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's figures from two captures: which capture each comes from, and from which instant it runs. */
class NetnsFiguresTest {

    private static final Instant START = Instant.parse("2026-12-06T20:00:00Z");
    private static final Instant FAULT = START.plusSeconds(2);
    private static final Instant RESTORE = START.plusSeconds(8);
    private static final String W1 = NetnsPlan.WAN1.siteAddress();
    private static final String W2 = NetnsPlan.WAN2.siteAddress();
    private static final String P = NetnsPlan.PROVIDER;

    @Test
    void detectionAndReRegistrationFromTheOtherUplinkFailbackFromTheRestoredOne() {
        List<Datagram> wan1 = PcapReader.udp(Pcaps.ethernet()
                .udp(START.plusMillis(100), P, 5060, W1, 5060, Pcaps.response(200, "OK", "REGISTER"), false)   // before the fault
                .udp(RESTORE.plusMillis(10_250), P, 5060, W1, 5060, Pcaps.response(200, "OK", "REGISTER"), false).bytes());
        List<Datagram> wan2 = PcapReader.udp(Pcaps.ethernet()
                .udp(FAULT.plusMillis(200), W2, 5060, P, 5060, Pcaps.request("REGISTER", 5), false)
                .udp(FAULT.plusMillis(215), P, 5060, W2, 5060, Pcaps.response(200, "OK", "REGISTER"), false).bytes());
        var o = new NetnsRunner.Observed(START, Map.of(NetnsPlan.WAN1, FAULT), Map.of(NetnsPlan.WAN1, RESTORE), wan1, wan2,
                List.of(), java.util.Optional.empty());

        Map<String, NetnsRunner.Figure> f = NetnsRunner.figures(o);

        assertThat(f.get(Metrics.DETECTION_S).value()).isEqualTo(0.2);
        assertThat(f.get(Metrics.REGISTRATION_RECOVERY_S).value()).isEqualTo(0.215);
        assertThat(f.get(Metrics.FAILBACK_S).value()).isEqualTo(10.25);
        assertThat(f.get(Metrics.DETECTION_S).observedAt()).isEqualTo("capture at isp2's veth site2, wan2.pcap");
        assertThat(f.get(Metrics.FAILBACK_S).observedAt()).isEqualTo("capture at isp1's veth site1, wan1.pcap");
    }

    @Test
    void aGatewayThatNeverMovedHasNoFigures() {
        List<Datagram> wan2 = PcapReader.udp(Pcaps.ethernet()
                .udp(FAULT.plusMillis(300), W2, 5060, P, 5060, Pcaps.request("OPTIONS", 5), false).bytes());
        var o = new NetnsRunner.Observed(START, Map.of(NetnsPlan.WAN1, FAULT), Map.of(NetnsPlan.WAN1, RESTORE), List.of(), wan2,
                List.of(), java.util.Optional.empty());

        assertThat(NetnsRunner.figures(o)).isEmpty();
    }
}
