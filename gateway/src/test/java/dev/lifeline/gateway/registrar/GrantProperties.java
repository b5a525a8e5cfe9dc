package dev.lifeline.gateway.registrar;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The granted expiry stays in the band, under the cap and at or above the minimum, whatever is asked. */
class GrantProperties {

    @Test
    void grantIsWithinBandCapAndMinimum() {
        qt().withExamples(2000)
                .forAll(integers().between(1, 600), integers().between(0, 7200), doubles().between(0.01, 1.0),
                        longs().all())
                .checkAssert((min, extra, low, seed) -> {
                    int max = min + extra;
                    RegistrarSettings s = new RegistrarSettings(Duration.ofSeconds(min), Duration.ofSeconds(max),
                            Duration.ofSeconds(max), low, 1.0, Duration.ofSeconds(25));
                    Registrar r = new Registrar(s, new SplittableRandom(seed));
                    long asked = min + new SplittableRandom(seed).nextLong(0, 10L * max + 1);
                    long capped = Math.min(asked, max);
                    long granted = r.grant(asked);
                    if (granted < Math.max(min, (long) Math.floor(capped * low)) || granted > capped) {
                        throw new AssertionError("asked " + asked + " with " + s + " granted " + granted);
                    }
                });
    }
}
