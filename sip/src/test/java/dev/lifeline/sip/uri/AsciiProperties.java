package dev.lifeline.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** The eight-bytes-at-a-time searches find what a byte-by-byte loop finds, at any offset and length. */
class AsciiProperties {

    @Test
    void searchesEqualByteLoops() {
        qt().withExamples(20_000).withFixedSeed(0x5195_00C1L)
                .forAll(Generate.byteArrays(Generate.range(0, 64), Generate.pick(java.util.List.<Byte>of(
                                (byte) 'a', (byte) '"', (byte) '\\', (byte) '@', (byte) 0, (byte) -1, (byte) 0x80,
                                (byte) (0x22 ^ 0x80), (byte) 0x7f))),
                        integers().between(0, 64), integers().between(0, 64))
                .checkAssert((b, x, y) -> {
                    int from = Math.min(Math.min(x, y), b.length);
                    int to = Math.min(Math.max(x, y), b.length);
                    assertThat(Ascii.indexOf(b, from, to, (byte) '@')).isEqualTo(naive(b, from, to, '@', '@'));
                    assertThat(Ascii.indexOf(b, from, to, (byte) -1)).isEqualTo(naive(b, from, to, -1, -1));
                    assertThat(Ascii.indexOfEither(b, from, to, (byte) '"', (byte) '\\'))
                            .isEqualTo(naive(b, from, to, '"', '\\'));
                    boolean ascii = true;
                    for (int i = from; i < to; i++) {
                        ascii &= b[i] >= 0;
                    }
                    assertThat(Ascii.isAscii(b, from, to)).isEqualTo(ascii);
                });
    }

    private static int naive(byte[] b, int from, int to, int c1, int c2) {
        for (int i = from; i < to; i++) {
            if (b[i] == (byte) c1 || b[i] == (byte) c2) {
                return i;
            }
        }
        return -1;
    }
}
