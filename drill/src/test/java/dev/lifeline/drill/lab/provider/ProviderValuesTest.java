package dev.lifeline.drill.lab.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.media.codec.G711;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider's pure parts: arrival gaps, the test signal, caller IDs, the reflector's rule, faults. */
class ProviderValuesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.51", 4000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.52", 4000);
    private static final Duration THRESHOLD = Duration.ofMillis(100);

    @Test
    void arrivalsRecordGapsAtLeastTheThresholdAndTheLongest() {
        RtpArrivals r = RtpArrivals.NONE;
        long[] millis = {0, 20, 40, 60, 760, 780, 800, 900, 920};
        for (long m : millis) {
            r = r.arrived(T0.plusMillis(m), 172, m < 700 ? A : B, THRESHOLD);
        }

        assertThat(r.packets()).isEqualTo(9);
        assertThat(r.bytes()).isEqualTo(9 * 172);
        assertThat(r.first()).contains(T0);
        assertThat(r.last()).contains(T0.plusMillis(920));
        assertThat(r.longestGap()).isEqualTo(Duration.ofMillis(700));
        assertThat(r.gaps()).containsExactly(new RtpGap(T0.plusMillis(60), T0.plusMillis(760)),
                new RtpGap(T0.plusMillis(800), T0.plusMillis(900)));
        assertThat(r.lastSource()).contains(B);
        assertThat(r.silenceAt(T0.plusMillis(1000), T0)).isEqualTo(Duration.ofMillis(80));
        assertThat(RtpArrivals.NONE.silenceAt(T0.plusSeconds(2), T0)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void gapsAreBounded() {
        RtpArrivals r = RtpArrivals.NONE;
        for (int i = 0; i <= RtpArrivals.MAX_GAPS + 5; i++) {
            r = r.arrived(T0.plusSeconds(i), 10, A, THRESHOLD);
        }
        assertThat(r.gaps()).hasSize(RtpArrivals.MAX_GAPS);
        assertThat(r.packets()).isEqualTo(RtpArrivals.MAX_GAPS + 6);
    }

    @Test
    void theTestSignalIsAContinuousToneInRtpPackets() {
        byte[] first = TestSignal.packet(0, 0x11223344L, 65535, 4_294_967_200L);
        byte[] second = TestSignal.packet(1, 0x11223344L, 65535, 4_294_967_200L);

        assertThat(first).hasSize(172);
        assertThat(first[0]).isEqualTo((byte) 0x80);
        assertThat(first[1]).as("marker on the first packet, PT 0").isEqualTo((byte) 0x80);
        assertThat(second[1]).isEqualTo((byte) 0);
        assertThat(((second[2] & 0xFF) << 8) | (second[3] & 0xFF)).as("sequence wraps").isEqualTo(0);
        assertThat(Arrays.copyOfRange(first, 8, 12)).containsExactly(0x11, 0x22, 0x33, 0x44);
        int peak = 0;
        for (byte b : TestSignal.payload(3)) {
            peak = Math.max(peak, Math.abs(G711.ulawToLinear(b)));
        }
        assertThat(peak).isBetween(3000, 3400);           // -20 dBFS of 32767
        assertThat(TestSignal.payload(5)).isEqualTo(TestSignal.payload(5));
        assertThat(TestSignal.payload(5)).isNotEqualTo(TestSignal.payload(6));
    }

    @Test
    void callerIdFormatsAreValidated() {
        assertThat(CallerId.e164("+15550123").fromAddress("provider.test").toString())
                .isEqualTo("<sip:+15550123@provider.test;user=phone>");
        assertThat(CallerId.national("5550123").display()).isEqualTo("5550123");
        assertThat(CallerId.anonymous().display()).isEqualTo("anonymous");
        assertThatThrownBy(() -> CallerId.e164("15550123")).hasMessageContaining("E.164");
        assertThatThrownBy(() -> CallerId.national("+15550123")).hasMessageContaining("digits only");
    }

    @Test
    void onlyRtpIsCountedAsMedia() {
        byte[] rtp = TestSignal.packet(0, 1, 1, 1);
        byte[] rtcp = Arrays.copyOf(rtp, 28);
        rtcp[1] = (byte) 200;

        assertThat(CallMedia.isRtp(rtp, rtp.length)).isTrue();
        assertThat(CallMedia.isRtp(rtcp, rtcp.length)).isFalse();
        assertThat(CallMedia.isRtp(rtp, 11)).isFalse();
        assertThat(CallMedia.isRtp(new byte[20], 20)).isFalse();
    }

    @Test
    void configurationErrorsNameWhatIsWrong() {
        assertThatThrownBy(() -> ProviderConfig.of("provider.test", "u", "p",
                List.of(TargetSpec.udp("sip1", "127.0.0.41"), TargetSpec.udp("sip1", "127.0.0.42"))))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new ProviderFault.Reject(200, "OK", java.util.Optional.empty())).hasMessageContaining("300..699");
        assertThat(ProviderConfig.of("provider.test", "u", "secret-pw", List.of(TargetSpec.udp("sip1", "127.0.0.41"))).toString())
                .doesNotContain("secret-pw");
    }
}
