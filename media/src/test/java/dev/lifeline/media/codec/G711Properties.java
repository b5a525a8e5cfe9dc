package dev.lifeline.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class G711Properties {

    private static final Gen<Integer> SHORTS = integers().between(Short.MIN_VALUE, Short.MAX_VALUE);

    /**
     * Logarithmic quantizing: the error is at most half a step, and a step is about 1/16 of the
     * level (1/15.5 at the bottom of a µ-law segment, where the bias shifts the level down).
     */
    @Test
    void ulawRoundTripErrorIsBounded() {
        qt().withExamples(1000).withFixedSeed(0x6711_0001L)
                .forAll(SHORTS)
                .checkAssert(s -> {
                    short sample = s.shortValue();
                    int back = G711.ulawToLinear(G711.linearToUlaw(sample));
                    assertThat((double) Math.abs(back - sample)).isLessThanOrEqualTo(Math.max(4, Math.abs(sample) / 15.0));
                });
    }

    @Test
    void alawRoundTripErrorIsBounded() {
        qt().withExamples(1000).withFixedSeed(0x6711_0002L)
                .forAll(SHORTS)
                .checkAssert(s -> {
                    short sample = s.shortValue();
                    int back = G711.alawToLinear(G711.linearToAlaw(sample));
                    assertThat((double) Math.abs(back - sample)).isLessThanOrEqualTo(Math.max(8, Math.abs(sample) / 16.0));
                });
    }

    @Test
    void decodedLevelNeverFallsAsTheInputRises() {
        qt().withExamples(1000).withFixedSeed(0x6711_0003L)
                .forAll(SHORTS, integers().between(0, 2000))
                .checkAssert((s, step) -> {
                    short a = s.shortValue();
                    int b = Math.min(Short.MAX_VALUE, a + step);
                    assertThat(G711.ulawToLinear(G711.linearToUlaw(b))).isGreaterThanOrEqualTo(G711.ulawToLinear(G711.linearToUlaw(a)));
                    assertThat(G711.alawToLinear(G711.linearToAlaw(b))).isGreaterThanOrEqualTo(G711.alawToLinear(G711.linearToAlaw(a)));
                });
    }

    @Test
    void codingIsSymmetricAroundZero() {
        qt().withExamples(1000).withFixedSeed(0x6711_0004L)
                .forAll(integers().between(0, 32767))
                .checkAssert(sample -> {
                    assertThat(G711.ulawToLinear(G711.linearToUlaw(-sample))).isEqualTo((short) -G711.ulawToLinear(G711.linearToUlaw(sample)));
                    // A-law's 13-bit input makes -x and x-1 share an interval: -8..-1 and 0..7 mirror each other.
                    assertThat(G711.alawToLinear(G711.linearToAlaw(-sample - 1)))
                            .isEqualTo((short) -G711.alawToLinear(G711.linearToAlaw(sample)));
                });
    }
}
