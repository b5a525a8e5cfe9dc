package dev.lifeline.drill.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureFiguresTest {

    private static final Instant FAULT = Instant.parse("2026-12-06T20:00:02Z");
    private static final String SITE = "10.201.2.2";
    private static final String PROVIDER = "198.18.0.10";

    private static List<Datagram> capture(Pcaps p) {
        return PcapReader.udp(p.bytes());
    }

    @Test
    void detectionIsTheFirstRequestOtherThanAProbeAfterTheFault() {
        List<Datagram> wan2 = capture(Pcaps.ethernet()
                .udp(FAULT.minusMillis(500), SITE, 5060, PROVIDER, 5060, Pcaps.request("REGISTER", 1), false)   // before: not it
                .udp(FAULT.plusMillis(100), SITE, 5060, PROVIDER, 5060, Pcaps.request("OPTIONS", 2), false)     // a probe
                .udp(FAULT.plusMillis(150), PROVIDER, 5060, SITE, 5060, Pcaps.request("INVITE", 3), false)      // toward the site
                .udp(FAULT.plusMillis(640), SITE, 5060, PROVIDER, 5060, Pcaps.request("REGISTER", 4), false));

        var s = CaptureFigures.firstMove(wan2, SITE, FAULT).orElseThrow();

        assertThat(CaptureFigures.seconds(FAULT, s)).isEqualTo(0.64);
        assertThat(s.what()).startsWith("REGISTER from 10.201.2.2:5060");
    }

    @Test
    void reRegistrationIsTheProvidersOkToARegisterGoingToTheSite() {
        List<Datagram> wan2 = capture(Pcaps.ethernet()
                .udp(FAULT.plusMillis(700), PROVIDER, 5060, SITE, 5060, Pcaps.response(401, "Unauthorized", "REGISTER"), false)
                .udp(FAULT.plusMillis(710), PROVIDER, 5060, SITE, 5060, Pcaps.response(200, "OK", "OPTIONS"), false)
                .udp(FAULT.plusMillis(720), PROVIDER, 5060, "10.201.1.2", 5060, Pcaps.response(200, "OK", "REGISTER"), false)
                .udp(FAULT.plusMillis(731), PROVIDER, 5060, SITE, 5060, Pcaps.response(200, "OK", "REGISTER"), false));

        var s = CaptureFigures.firstRegisterOk(wan2, SITE, FAULT).orElseThrow();

        assertThat(CaptureFigures.seconds(FAULT, s)).isEqualTo(0.731);
    }

    @Test
    void nothingAfterTheFaultIsNothingMeasured() {
        List<Datagram> wan2 = capture(Pcaps.ethernet()
                .udp(FAULT.minusMillis(1), PROVIDER, 5060, SITE, 5060, Pcaps.response(200, "OK", "REGISTER"), false)
                .udp(FAULT.plusMillis(300), SITE, 5060, PROVIDER, 5060, Pcaps.request("OPTIONS", 9), false));

        assertThat(CaptureFigures.firstMove(wan2, SITE, FAULT)).isEmpty();
        assertThat(CaptureFigures.firstRegisterOk(wan2, SITE, FAULT)).isEmpty();
    }

    private static final String PHONE = "10.201.0.2";
    private static final String GW = "10.201.0.1";

    @Test
    void theAudioGapIsTheLongestSilenceAtThePhoneIncludingTheEnds() {
        Instant answer = FAULT;
        Pcaps p = Pcaps.ethernet().udp(answer, GW, 5060, PHONE, 5062, Pcaps.response(200, "OK", "INVITE"), false);
        for (int i = 1; i <= 10; i++) {
            p.udp(answer.plusMillis(20L * i), GW, 17898, PHONE, 7956, "rtp", false);
        }
        for (int i = 0; i < 5; i++) {   // 700 ms silence, then media again
            p.udp(answer.plusMillis(900 + 20L * i), GW, 17898, PHONE, 7956, "rtp", false);
        }
        p.udp(answer.plusMillis(1000), GW, 5060, PHONE, 5062, Pcaps.request("OPTIONS", 1), false);   // SIP is no media
        List<Datagram> lan = capture(p);

        assertThat(CaptureFigures.answered(lan, PHONE, answer.minusSeconds(1)).orElseThrow().at()).isEqualTo(answer);
        var gap = CaptureFigures.audioGap(lan, PHONE, answer, answer.plusMillis(1200)).orElseThrow();
        assertThat(gap.seconds()).isEqualTo(0.7);
        assertThat(gap.end().at()).isEqualTo(answer.plusMillis(900));
        var tail = CaptureFigures.audioGap(lan, PHONE, answer, answer.plusMillis(2000)).orElseThrow();
        assertThat(tail.seconds()).as("media that never came back counts until the end").isEqualTo(1.02);
        assertThat(CaptureFigures.audioGap(List.of(), PHONE, answer, answer.plusSeconds(3)).orElseThrow().seconds())
                .as("no media at all").isEqualTo(3.0);
    }

    @Test
    void aByeToThePhoneBeforeItHungUpIsADroppedCall() {
        List<Datagram> lan = capture(Pcaps.ethernet()
                .udp(FAULT.plusSeconds(3), GW, 5060, PHONE, 5062, Pcaps.request("BYE", 2), false)
                .udp(FAULT.plusSeconds(9), GW, 5060, PHONE, 5062, Pcaps.request("BYE", 3), false));

        assertThat(CaptureFigures.byeToPhone(lan, PHONE, FAULT, FAULT.plusSeconds(5))).isPresent();
        assertThat(CaptureFigures.byeToPhone(lan, PHONE, FAULT.plusSeconds(4), FAULT.plusSeconds(8))).isEmpty();
    }

    private static Datagram rtp(Instant at, int port, int type, int seq, int ssrc) {
        byte[] p = java.nio.ByteBuffer.allocate(12 + 160).put((byte) 0x80).put((byte) type).putShort((short) seq).putInt(0)
                .putInt(ssrc).array();
        return new Datagram(at, GW, 20000, PHONE, port, p);
    }

    @Test
    void theLossOnThePhonesLegIsCountedBySequenceNumberPerSsrcAcrossWrapAround() {
        List<Datagram> lan = new java.util.ArrayList<>();
        Instant t = FAULT;
        int[] first = {65530, 65531, 65532, 65534, 65535, 0, 1, 2, 4, 5, 6, 7, 8, 9};   // 65533 and 3 lost
        for (int seq : first) {
            lan.add(rtp(t = t.plusMillis(20), 11000, 0, seq, 0x1111));
        }
        lan.add(rtp(t.plusMillis(1), 11000, 200, 7, 0x1111));        // RTCP on the same port: not counted
        lan.add(rtp(t.plusMillis(2), 11002, 0, 100, 0x1111));        // another port: not this call
        for (int seq = 500; seq < 510; seq++) {
            if (seq != 505) {
                lan.add(rtp(t = t.plusMillis(20), 11000, 0x80 | 8, seq, 0x2222));   // after a move: a new SSRC, marker set
            }
        }
        lan.add(rtp(t.plusSeconds(5), 11000, 0, 510, 0x2222));        // after the call

        CaptureFigures.Loss loss = CaptureFigures.rtpLoss(lan, PHONE, 11000, FAULT, t);

        assertThat(loss).isEqualTo(new CaptureFigures.Loss(26, 23));
        assertThat(loss.percent()).isCloseTo(11.54, org.assertj.core.api.Assertions.within(0.01));
    }
}
