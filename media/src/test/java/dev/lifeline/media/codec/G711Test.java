package dev.lifeline.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test {

    @ParameterizedTest(name = "µ-law {0} -> 0x{1}")
    @CsvSource({
        "0, FF", "-1, 7F", "32767, 80", "-32768, 00", "32124, 80", "-32124, 00",
        "8, FE", "1000, CE", "-1000, 4E",
    })
    void ulawEncodesKnownSamples(int sample, String hex) {
        assertThat(G711.linearToUlaw(sample) & 0xFF).isEqualTo(Integer.parseInt(hex, 16));
    }

    @ParameterizedTest(name = "µ-law 0x{0} -> {1}")
    @CsvSource({"FF, 0", "7F, 0", "80, 32124", "00, -32124", "FE, 8", "EF, 132", "CE, 988"})
    void ulawDecodesKnownCodes(String hex, int sample) {
        assertThat(G711.ulawToLinear((byte) Integer.parseInt(hex, 16))).isEqualTo((short) sample);
    }

    @ParameterizedTest(name = "A-law {0} -> 0x{1}")
    @CsvSource({
        "0, D5", "-1, 55", "-8, 55", "32767, AA", "-32768, 2A", "16, D4", "256, C5", "1000, FA",
    })
    void alawEncodesKnownSamples(int sample, String hex) {
        assertThat(G711.linearToAlaw(sample) & 0xFF).isEqualTo(Integer.parseInt(hex, 16));
    }

    @ParameterizedTest(name = "A-law 0x{0} -> {1}")
    @CsvSource({"D5, 8", "55, -8", "AA, 32256", "2A, -32256", "D4, 24", "C5, 264"})
    void alawDecodesKnownCodes(String hex, int sample) {
        assertThat(G711.alawToLinear((byte) Integer.parseInt(hex, 16))).isEqualTo((short) sample);
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte c = (byte) code;
            // 0x7F is µ-law's negative zero; it decodes to 0, which codes as positive zero 0xFF.
            int ulawBack = G711.linearToUlaw(G711.ulawToLinear(c)) & 0xFF;
            assertThat(ulawBack).isEqualTo(code == 0x7F ? 0xFF : code);
            assertThat(G711.linearToAlaw(G711.alawToLinear(c))).isEqualTo(c);
        }
    }

    @Test
    void bulkCallsMatchSingleSamples() {
        short[] pcm = {0, 1, -1, 100, -100, 30000, -30000, 12345};
        byte[] u = new byte[pcm.length + 2];
        byte[] a = new byte[pcm.length + 2];
        G711.encodeUlaw(pcm, 0, u, 2, pcm.length);
        G711.encodeAlaw(pcm, 0, a, 2, pcm.length);
        short[] back = new short[pcm.length];
        G711.decodeUlaw(u, 2, back, 0, pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(u[i + 2]).isEqualTo(G711.linearToUlaw(pcm[i]));
            assertThat(a[i + 2]).isEqualTo(G711.linearToAlaw(pcm[i]));
            assertThat(back[i]).isEqualTo(G711.ulawToLinear(u[i + 2]));
        }
        G711.decodeAlaw(a, 2, back, 0, pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(back[i]).isEqualTo(G711.alawToLinear(a[i + 2]));
        }
    }
}
