package dev.lifeline.drill.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.media.quality.EModel;
import org.junit.jupiter.api.Test;

/** The reference table and the media module's E-model, worked independently, agree. */
class G107ReferenceTest {

    @Test
    void theEModelAgreesWithTheHandWorkedTableToItsRounding() {
        for (double loss : G107Reference.losses()) {
            assertThat(EModel.expectedMos(CodecImpairment.G711_PLC, loss)).as("MOS at %s %% loss", loss)
                    .isCloseTo(G107Reference.g711WithPlc(loss).orElseThrow(), within(0.005));
        }
    }

    @Test
    void holdsOnlyTheLossesItWasWorkedFor() {
        assertThat(G107Reference.losses()).containsExactlyInAnyOrder(0.0, 1.0, 3.0, 5.0);
        assertThat(G107Reference.g711WithPlc(2.0)).isEmpty();
    }
}
