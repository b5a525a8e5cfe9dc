package dev.lifeline.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class G711Properties {

    /**
     * Logarithmic quantizing: the error is at most half a step, and a step is about 1/16 of the
     * level (1/15.5 at the bottom of a µ-law segment, where the bias shifts the level down).
     */
    @Property
    void ulawRoundTripErrorIsBounded(@ForAll short sample) {
        int back = G711.ulawToLinear(G711.linearToUlaw(sample));
        assertThat((double) Math.abs(back - sample)).isLessThanOrEqualTo(Math.max(4, Math.abs(sample) / 15.0));
    }

    @Property
    void alawRoundTripErrorIsBounded(@ForAll short sample) {
        int back = G711.alawToLinear(G711.linearToAlaw(sample));
        assertThat((double) Math.abs(back - sample)).isLessThanOrEqualTo(Math.max(8, Math.abs(sample) / 16.0));
    }

    @Property
    void decodedLevelNeverFallsAsTheInputRises(@ForAll short a, @ForAll @IntRange(min = 0, max = 2000) int step) {
        int b = Math.min(Short.MAX_VALUE, a + step);
        assertThat(G711.ulawToLinear(G711.linearToUlaw(b))).isGreaterThanOrEqualTo(G711.ulawToLinear(G711.linearToUlaw(a)));
        assertThat(G711.alawToLinear(G711.linearToAlaw(b))).isGreaterThanOrEqualTo(G711.alawToLinear(G711.linearToAlaw(a)));
    }

    @Property
    void codingIsSymmetricAroundZero(@ForAll @IntRange(min = 0, max = 32767) int sample) {
        assertThat(G711.ulawToLinear(G711.linearToUlaw(-sample))).isEqualTo((short) -G711.ulawToLinear(G711.linearToUlaw(sample)));
        // A-law's 13-bit input makes -x and x-1 share an interval: -8..-1 and 0..7 mirror each other.
        assertThat(G711.alawToLinear(G711.linearToAlaw(-sample - 1)))
                .isEqualTo((short) -G711.alawToLinear(G711.linearToAlaw(sample)));
    }
}
