package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.drill.netns.CaptureFigures.Direction;
import dev.lifeline.drill.netns.CaptureFigures.LabCall;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The calls' figures from synthetic LAN and uplink captures: which packets make an attempt, an answer, a drop. */
class CallFiguresTest {

    private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");
    private static final String GW = NetnsPlan.SITE_LAN;
    private static final String P1 = "10.201.0.2";
    private static final String P2 = "10.201.0.3";
    private static final String PROVIDER = NetnsPlan.PROVIDER;
    private static final Set<String> PHONES = Set.of(P1, P2);

    private final List<Datagram> lan = new ArrayList<>();
    private final List<Datagram> uplinks = new ArrayList<>();

    private static Datagram sip(long ms, String src, int sport, String dst, int dport, String firstLine, String callId,
                                String cseq, String to, String from, Integer audioPort) {
        String body = audioPort == null ? "" : "v=0\r\nc=IN IP4 " + src + "\r\nm=audio " + audioPort + " RTP/AVP 0\r\n";
        String text = firstLine + "\r\nVia: SIP/2.0/UDP " + src + ":" + sport + "\r\nFrom: " + from + "\r\nTo: " + to
                + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        return new Datagram(T0.plusMillis(ms), src, sport, dst, dport, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Datagram rtp(long ms, String src, int sport, String dst, int dport) {
        return new Datagram(T0.plusMillis(ms), src, sport, dst, dport, new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0});
    }

    /** Media both ways every 20 ms in [from, to), except in [quietFrom, quietTo) toward the phone. */
    private void media(String phone, int phonePort, long from, long to, long quietFrom, long quietTo) {
        for (long t = from; t < to; t += 20) {
            if (t < quietFrom || t >= quietTo) {
                lan.add(rtp(t, GW, 20000, phone, phonePort));
            }
            lan.add(rtp(t + 1, phone, phonePort, GW, 20000));
        }
    }

    private void inboundInvite(long ms, String phone, String callId, String from) {
        lan.add(sip(ms, GW, 5060, phone, 5062, "INVITE sip:x@" + phone + ":5062 SIP/2.0", callId, "1 INVITE",
                "<sip:x@" + phone + ">", from, 30000));
    }

    private void answer(long ms, String phone, String callId, int rtpPort) {
        lan.add(sip(ms, phone, 5062, GW, 5060, "SIP/2.0 200 OK", callId, "1 INVITE", "<sip:x@" + phone + ">;tag=p",
                "<sip:gw>;tag=g", rtpPort));
    }

    private void byeToPhone(long ms, String phone, String callId) {
        lan.add(sip(ms, GW, 5060, phone, 5062, "BYE sip:x@" + phone + ":5062 SIP/2.0", callId, "2 BYE",
                "<sip:x@" + phone + ">;tag=p", "<sip:gw>;tag=g", null));
    }

    private List<CaptureFigures.CallSeen> seen(List<LabCall> calls) {
        lan.sort(java.util.Comparator.comparing(Datagram::at));
        return CaptureFigures.calls(calls, lan, uplinks, PHONES, PROVIDER);
    }

    @Test
    void anOutboundCallIsAttemptedByThePhonesInviteAndAnsweredByThe200ToIt() {
        lan.add(sip(100, P1, 5062, GW, 5060, "INVITE sip:+15557000@" + GW + " SIP/2.0", "c1", "1 INVITE", "<sip:+15557000@gw>",
                "<sip:1001@gw>;tag=a", 4000));
        lan.add(sip(120, GW, 5060, P1, 5062, "SIP/2.0 407 Proxy Authentication Required", "c1", "1 INVITE",
                "<sip:+15557000@gw>;tag=x", "<sip:1001@gw>;tag=a", null));   // the challenge: not a failure
        lan.add(sip(130, P1, 5062, GW, 5060, "INVITE sip:+15557000@" + GW + " SIP/2.0", "c1", "2 INVITE", "<sip:+15557000@gw>",
                "<sip:1001@gw>;tag=a", 4000));
        lan.add(sip(150, GW, 5060, P1, 5062, "SIP/2.0 100 Trying", "c1", "2 INVITE", "<sip:+15557000@gw>", "<sip:1001@gw>;tag=a", null));
        lan.add(sip(280, GW, 5060, P1, 5062, "SIP/2.0 200 OK", "c1", "2 INVITE", "<sip:+15557000@gw>;tag=b", "<sip:1001@gw>;tag=a", 20000));
        media(P1, 4000, 300, 5000, 2000, 2600);
        var call = new LabCall(Direction.OUTBOUND, T0, T0.plusSeconds(5), P1, 5062, "+15557000", "");

        var s = seen(List.of(call)).get(0);

        assertThat(s.attempted()).isPresent();
        assertThat(s.answered().orElseThrow().at()).isEqualTo(T0.plusMillis(280));
        assertThat(s.failure()).isEmpty();
        assertThat(s.setupMs()).as("the phone's first INVITE to the 200 OK it got (challenge included), not the 100")
                .contains(180L);
        assertThat(s.bye()).isEmpty();
        assertThat(s.gap().orElseThrow().seconds()).as("last packet at 1.98 s, the next at 2.6 s").isEqualTo(0.62);
        assertThat(s.oneWay()).isFalse();
    }

    @Test
    void aFinalErrorOrNoAnswerIsAFailedCall() {
        lan.add(sip(100, P1, 5062, GW, 5060, "INVITE sip:9911@gw SIP/2.0", "c1", "1 INVITE", "<sip:9911@gw>", "<sip:1001@gw>;tag=a", 4000));
        lan.add(sip(140, GW, 5060, P1, 5062, "SIP/2.0 503 Service Unavailable", "c1", "1 INVITE", "<sip:9911@gw>;tag=b",
                "<sip:1001@gw>;tag=a", null));
        lan.add(sip(3100, P2, 5062, GW, 5060, "INVITE sip:1005@gw SIP/2.0", "c2", "1 INVITE", "<sip:1005@gw>", "<sip:1002@gw>;tag=a", 4002));
        var refused = new LabCall(Direction.OUTBOUND, T0, T0.plusSeconds(3), P1, 5062, "9911", "");
        var unanswered = new LabCall(Direction.OUTBOUND, T0.plusSeconds(3), T0.plusSeconds(6), P2, 5062, "1005", "");

        var s = seen(List.of(refused, unanswered));

        assertThat(s.get(0).answered()).isEmpty();
        assertThat(s.get(0).failure().orElseThrow().what()).startsWith("503");
        assertThat(s.get(1).attempted()).isPresent();
        assertThat(s.get(1).answered()).isEmpty();
        assertThat(s.get(1).failure().orElseThrow().at()).as("no answer: failed at its planned end").isEqualTo(T0.plusSeconds(6));
    }

    @Test
    void aGroupCallIsDeliveredToThePhoneStillOnItNotToTheOneTheGatewayHungUpOnAtOnce() {
        uplinks.add(sip(20, PROVIDER, 5060, "10.201.2.2", 5060, "INVITE sip:site1@10.201.2.2 SIP/2.0", "up1", "1 INVITE",
                "<sip:+15550199@provider.test>", "\"Caller\" <sip:5550123@provider.test>;tag=c", 9000));
        inboundInvite(100, P1, "g1", "\"Caller\" <sip:5550123@gw>;tag=g");
        inboundInvite(101, P2, "g2", "\"Caller\" <sip:5550123@gw>;tag=g");
        answer(150, P1, "g1", 4000);
        answer(151, P2, "g2", 4002);
        byeToPhone(160, P2, "g2");   // two answered at once: the later one is hung up on
        media(P1, 4000, 200, 3000, 0, 0);
        var call = new LabCall(Direction.INBOUND, T0, T0.plusSeconds(3), "", -1, "+15550199", "5550123");

        var s = seen(List.of(call)).get(0);

        assertThat(s.attempted().orElseThrow().what()).contains("+15550199").contains("10.201.2.2");
        assertThat(s.answered().orElseThrow().what()).contains(P1);
        assertThat(s.bye()).isEmpty();
        assertThat(s.presented()).hasValueSatisfying(p -> assertThat(p).contains("5550123"));
        assertThat(s.callerIdWrong()).isFalse();
        assertThat(s.oneWay()).isFalse();
    }

    @Test
    void aByeBeforeTheCallersHangUpIsADropAndAWrongNumberShownIsAWrongCallerId() {
        inboundInvite(100, P1, "d1", "<sip:+15550123@gw>;tag=g");
        answer(150, P1, "d1", 4000);
        media(P1, 4000, 200, 2000, 0, 0);
        byeToPhone(2000, P1, "d1");
        var call = new LabCall(Direction.INBOUND, T0, T0.plusSeconds(5), "", -1, "+15550100", "anonymous");

        var s = seen(List.of(call)).get(0);

        assertThat(s.bye().orElseThrow().at()).isEqualTo(T0.plusSeconds(2));
        assertThat(s.callerIdWrong()).isTrue();
        assertThat(s.attempted()).as("no INVITE from the provider in the uplink captures").isEmpty();
    }

    @Test
    void anInviteBelongsToTheInboundCallDialledLastBeforeItAndMediaOneWayIsFlagged() {
        var first = new LabCall(Direction.INBOUND, T0, T0.plusSeconds(16), "", -1, "+15550100", "15550123");
        var second = new LabCall(Direction.INBOUND, T0.plusSeconds(5), T0.plusSeconds(8), "", -1, "+15550199", "5550123");
        inboundInvite(100, P1, "a1", "<sip:15550123@gw>;tag=g");
        answer(150, P1, "a1", 4000);
        media(P1, 4000, 200, 16000, 0, 0);
        inboundInvite(5100, P2, "b1", "<sip:5550123@gw>;tag=g");
        answer(5150, P2, "b1", 4100);
        for (long t = 5200; t < 8000; t += 20) {
            lan.add(rtp(t, GW, 20002, P2, 4100));   // the phone hears, but sends nothing back
        }

        var s = seen(List.of(first, second));

        assertThat(s.get(0).answered().orElseThrow().what()).contains(P1);
        assertThat(s.get(1).answered().orElseThrow().what()).contains(P2);
        assertThat(s.get(0).oneWay()).isFalse();
        assertThat(s.get(1).oneWay()).isTrue();
    }

    @Test
    void p95IsTheNearestRank() {
        assertThat(CaptureFigures.p95(List.of())).isEmpty();
        assertThat(CaptureFigures.p95(List.of(300L))).contains(300L);
        List<Long> twenty = new ArrayList<>();
        for (long i = 1; i <= 20; i++) {
            twenty.add(i * 10);
        }
        assertThat(CaptureFigures.p95(twenty)).contains(190L);
    }
}
