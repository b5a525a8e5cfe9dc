package dev.lifeline.gateway.path;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TWAMP-light packets (RFC 5357 §4.1.2 and §4.2.1, unauthenticated) and the reflector's admission. */
class ProbePacketTest {

    private static final Instant T = Instant.parse("2026-12-06T10:00:00.250Z");

    @Test
    void aTestPacketHasTheSenderFieldsAtTheirOffsetsAndIsVoiceSized() {
        ByteBuf test = ProbePacket.encode(ByteBufAllocator.DEFAULT,
                new ProbePacket.Probe(0x1_0000_0005L, T.getEpochSecond() * 1_000_000_000L + T.getNano()));
        try {
            assertThat(test.readableBytes()).isEqualTo(172);
            assertThat(test.getUnsignedInt(0)).isEqualTo(5);   // sent modulo 2^32
            // NTP: seconds since 1900 in the high word, a quarter second in the fraction.
            assertThat(test.getUnsignedInt(4)).isEqualTo(T.getEpochSecond() + 2_208_988_800L);
            assertThat(test.getUnsignedInt(8)).isEqualTo(1L << 30);
            assertThat(test.getUnsignedShort(12)).isEqualTo(1);  // S=0 Z=0 scale 0 multiplier 1
            for (int i = 14; i < 172; i++) {
                assertThat(test.getByte(i)).isZero();
            }
        } finally {
            test.release();
        }
    }

    @Test
    void theReflectedPacketCopiesTheSenderFieldsAndIsAsLongAsTheTest() {
        ByteBuf test = Unpooled.buffer(60);
        test.writeInt(99).writeLong(0x1122334455667788L).writeShort(0x8001).writeZero(60 - 14);
        ByteBuf answer = ProbePacket.reflect(ByteBufAllocator.DEFAULT, test, 3, T, T.plusMillis(1));
        try {
            assertThat(answer.readableBytes()).isEqualTo(60);
            assertThat(answer.getInt(0)).isEqualTo(3);
            assertThat(answer.getInt(24)).isEqualTo(99);
            assertThat(answer.getLong(28)).isEqualTo(0x1122334455667788L);
            assertThat(answer.getUnsignedShort(36)).isEqualTo(0x8001);
            assertThat((int) answer.getUnsignedByte(40)).isEqualTo(255);
            assertThat(ProbePacket.decodeReflected(answer)).hasValueSatisfying(p -> assertThat(p.seq()).isEqualTo(99));
        } finally {
            test.release();
            answer.release();
        }
    }

    @Test
    void onlyPacketsWhoseAnswerIsNoLargerAreTests() {
        assertThat(ProbePacket.isTest(Unpooled.buffer().writeZero(40))).isFalse();
        assertThat(ProbePacket.isTest(Unpooled.buffer().writeZero(41))).isTrue();
        assertThat(ProbePacket.isTest(Unpooled.buffer().writeZero(1473))).isFalse();
    }

    @Test
    void sequenceNumbersAreExtendedAcrossTheWrap() {
        assertThat(ProbePacket.extend(0xFFFF_FFFFL, 0x1_0000_0001L)).isEqualTo(0xFFFF_FFFFL);
        assertThat(ProbePacket.extend(1, 0x1_0000_0001L)).isEqualTo(0x1_0000_0001L);
        assertThat(ProbePacket.extend(7, 9)).isEqualTo(7);
    }

    @Test
    void admissionKeepsToTheAllowListAndTheRatePerSource() throws Exception {
        ReflectorAdmission a = new ReflectorAdmission(List.of(ReflectorAdmission.Cidr.parse("198.51.100.0/24"),
                ReflectorAdmission.Cidr.parse("2001:db8::/32")), 50);
        InetAddress site = InetAddress.getByName("198.51.100.7");
        assertThat(a.admit(InetAddress.getByName("203.0.113.1"), 0)).isEqualTo(ReflectorAdmission.Verdict.NOT_ALLOWED);
        assertThat(a.admit(InetAddress.getByName("2001:db8::1"), 0)).isEqualTo(ReflectorAdmission.Verdict.ANSWER);
        int answered = 0;
        for (int i = 0; i < 200; i++) {          // 200 at once: one second's worth is answered
            answered += a.admit(site, 0) == ReflectorAdmission.Verdict.ANSWER ? 1 : 0;
        }
        assertThat(answered).isEqualTo(50);
        // A steady 50 a second (one every 20 ms) is answered in full.
        answered = 0;
        for (int i = 1; i <= 100; i++) {
            answered += a.admit(site, i * 20_000_000L) == ReflectorAdmission.Verdict.ANSWER ? 1 : 0;
        }
        assertThat(answered).isEqualTo(100);
    }

    @Test
    void networksParseOrSayWhatIsExpected() {
        assertThat(ReflectorAdmission.Cidr.parse("10.1.2.3").prefix()).isEqualTo(32);
        assertThat(ReflectorAdmission.Cidr.parse("10.0.0.0/8").toString()).isEqualTo("10.0.0.0/8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReflectorAdmission.Cidr.parse("provider.example"))
                .hasMessageContaining("is not an IP network; expected e.g. 198.51.100.0/24");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReflectorAdmission.Cidr.parse("10.0.0.0/33"))
                .hasMessageContaining("does not fit a 32-bit address");
    }
}
