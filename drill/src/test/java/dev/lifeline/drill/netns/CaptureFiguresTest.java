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
}
