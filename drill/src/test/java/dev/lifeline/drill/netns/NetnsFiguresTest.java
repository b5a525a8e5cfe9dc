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
                List.of(), List.of(), 0);

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
                List.of(), List.of(), 0);

        assertThat(NetnsRunner.figures(o)).isEmpty();
        assertThat(NetnsRunner.failovers(List.of(), wan2, FAULT)).get().extracting(NetnsRunner.Figure::value).isEqualTo(0.0);
    }

    @Test
    void failoversAreNotMeasuredWhenSignallingWasOnTheOtherUplinkBeforeTheFirstFault() {
        List<Datagram> wan2 = PcapReader.udp(Pcaps.ethernet()
                .udp(FAULT.minusMillis(1_500), W2, 5060, P, 5060, Pcaps.request("INVITE", 1), false).bytes());

        assertThat(NetnsRunner.failovers(List.of(), wan2, FAULT)).as("the precondition did not hold").isEmpty();
        assertThat(CaptureFigures.movesAway(List.of(), W1, wan2, W2, FAULT).awayBefore()).get()
                .extracting(CaptureFigures.Sighting::what).asString().startsWith("INVITE from " + W2);
    }

    @Test
    void lossIsWhatWasSentBeforeTheIspAndNotDeliveredAfterItMediaOnlyWithinTheWindow() {
        String pub = NetnsPlan.WAN1.publicAddress();
        Pcaps inet = Pcaps.ethernet();
        Pcaps wan1 = Pcaps.ethernet();
        for (int i = 0; i < 100; i++) {
            Instant t = FAULT.plusMillis(20L * i);
            inet.udp(t, P, 20000, pub, 30000, "rtp" + i, false);
            if (i % 10 != 0) {   // every tenth dropped at the ISP
                wan1.udp(t.plusNanos(50_000), P, 20000, W1, 30000, "rtp" + i, false);
            }
        }
        inet.udp(FAULT.plusMillis(5), P, 5060, pub, 5060, Pcaps.request("OPTIONS", 9), false);   // SIP: not counted
        inet.udp(FAULT.minusMillis(5), P, 20000, pub, 30000, "before", false);                  // outside the window
        List<Datagram> before = PcapReader.udp(inet.bytes());
        List<Datagram> after = PcapReader.udp(wan1.bytes());

        CaptureFigures.Loss l = CaptureFigures.loss(before, d -> d.destination().equals(pub), after,
                d -> d.destination().equals(W1), FAULT, FAULT.plusSeconds(2));

        assertThat(l.sent()).isEqualTo(100);
        assertThat(l.delivered()).isEqualTo(90);
        assertThat(l.percent()).isEqualTo(10.0);
        assertThat(new CaptureFigures.Loss(0, 0).percent()).isZero();
    }

    @Test
    void failoversCountEachMoveOfSignallingToTheOtherUplinkNotItsProbesNorTheFailback() {
        List<Datagram> wan1 = PcapReader.udp(Pcaps.ethernet()
                .udp(START.plusMillis(500), W1, 5060, P, 5060, Pcaps.request("REGISTER", 3), false)
                .udp(START.plusMillis(5_000), W1, 5060, P, 5060, Pcaps.request("REGISTER", 5), false)     // failback
                .udp(START.plusMillis(9_000), W1, 5060, P, 5060, Pcaps.request("INVITE", 1), false).bytes());
        List<Datagram> wan2 = PcapReader.udp(Pcaps.ethernet()
                .udp(START.plusMillis(100), W2, 5060, P, 5060, Pcaps.request("OPTIONS", 1), false)        // a probe
                .udp(START.plusMillis(2_000), W2, 5060, P, 5060, Pcaps.request("REGISTER", 4), false)     // move 1
                .udp(START.plusMillis(2_100), W2, 5060, P, 5060, Pcaps.request("INVITE", 2), false)       // still there
                .udp(START.plusMillis(7_000), W2, 5060, P, 5060, Pcaps.request("REGISTER", 6), false).bytes());  // move 2

        CaptureFigures.Moves m = CaptureFigures.movesAway(wan1, W1, wan2, W2, START);

        assertThat(m.count()).isEqualTo(2);
        assertThat(m.first().orElseThrow().at()).isEqualTo(START.plusMillis(2_000));
        assertThat(m.first().orElseThrow().what()).startsWith("REGISTER from " + W2);
        assertThat(CaptureFigures.movesAway(wan1, W1, wan2, W2, START.plusMillis(8_000)).count()).isZero();
        assertThat(m.awayBefore()).isEmpty();
        assertThat(CaptureFigures.movesAway(wan1, W1, wan2, W2, START.plusMillis(3_000)).count())
                .as("from 3 s: already on wan2, back at 5 s, away again at 7 s").isEqualTo(1);
    }

    @Test
    void inboundCallFiguresNameTheirCaptureAndPairTheCountsWithWhatWasPlanned() {
        String gw = NetnsPlan.SITE_LAN;
        String phone = "10.201.0.3";
        java.util.function.BiFunction<Long, String, Datagram> sip = (ms, text) -> new Datagram(START.plusMillis(ms),
                text.startsWith("SIP/2.0") ? phone : gw, text.startsWith("SIP/2.0") ? 5062 : 5060,
                text.startsWith("SIP/2.0") ? gw : phone, text.startsWith("SIP/2.0") ? 5060 : 5062,
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        List<Datagram> lan = new java.util.ArrayList<>();
        lan.add(sip.apply(100L, "INVITE sip:1002@" + phone + " SIP/2.0\r\nFrom: \"Anonymous\" <sip:anonymous@x>;tag=1\r\n"
                + "To: <sip:1002@x>\r\nCall-ID: k\r\nCSeq: 1 INVITE\r\n\r\n"));
        lan.add(sip.apply(140L, "SIP/2.0 200 OK\r\nFrom: <sip:anonymous@x>;tag=1\r\nTo: <sip:1002@x>;tag=2\r\nCall-ID: k\r\n"
                + "CSeq: 1 INVITE\r\n\r\nm=audio 4000 RTP/AVP 0\r\n"));
        for (long t = 160; t < 3000; t += 20) {
            lan.add(new Datagram(START.plusMillis(t), gw, 20000, phone, 4000, new byte[] {(byte) 0x80, 0}));
            lan.add(new Datagram(START.plusMillis(t + 1), phone, 4000, gw, 20000, new byte[] {(byte) 0x80, 0}));
        }
        var call = new CaptureFigures.LabCall(CaptureFigures.Direction.INBOUND, START, START.plusSeconds(3), "", -1,
                "+15550199", "anonymous");
        var o = new NetnsRunner.Observed(START, Map.of(), Map.of(), List.of(), List.of(), lan, List.of(call), 0);

        Map<String, NetnsRunner.Figure> f = NetnsRunner.figures(o);

        assertThat(f.get(Metrics.INBOUND_PLANNED).value()).isEqualTo(1);
        assertThat(f.get(Metrics.INBOUND_ATTEMPTED).value()).as("no provider INVITE in the uplink captures").isEqualTo(0);
        assertThat(f.get(Metrics.INBOUND_DELIVERED).value()).isEqualTo(1);
        assertThat(f.get(Metrics.CALLER_ID_WRONG).value()).isEqualTo(0);
        assertThat(f.get(Metrics.CALLS_DROPPED).value()).isEqualTo(0);
        assertThat(f.get(Metrics.ONE_WAY_AUDIO_CALLS).value()).isEqualTo(0);
        assertThat(f.get(Metrics.AUDIO_GAP_S).value()).isLessThan(0.1);
        assertThat(f.get(Metrics.INBOUND_DELIVERED).observedAt()).contains("lan.pcap");
        assertThat(f.get(Metrics.INBOUND_ATTEMPTED).observedAt()).contains("wan1.pcap").contains("wan2.pcap");
        assertThat(f).as("no outbound call planned: no outbound figures").doesNotContainKeys(Metrics.CALLS_PLANNED,
                Metrics.CALLS_FAILED);
        assertThat(NetnsRunner.inboundEvents(o)).singleElement().satisfies(e -> assertThat(e.summary())
                .contains("+15550199").contains("10.201.0.3:5062").contains("caller ID shown \"Anonymous\" <sip:anonymous@x>")
                .doesNotContain("expected").contains("lan.pcap"));
    }
}
