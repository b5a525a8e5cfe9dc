package dev.lifeline.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

/** Any text in gives a parsed description or a reason; a parsed one re-parses to itself. */
class SdpParserProperties {

    private static final String SAMPLE = Samples.text("yealink-offer.sdp");

    @Test
    void arbitraryTextNeverThrows() {
        qt().withExamples(5_000).forAll(strings().allPossible().ofLengthBetween(0, 300))
                .checkAssert(SdpParserProperties::parsesOrExplains);
    }

    @Test
    void mutatedPhoneBodiesNeverThrowAndReparseStably() {
        qt().withExamples(5_000)
                .forAll(lists().of(integers().between(0, SAMPLE.length() - 1)).ofSizeBetween(1, 4),
                        strings().basicLatinAlphabet().ofLengthBetween(0, 3))
                .checkAssert((positions, insert) -> {
                    StringBuilder body = new StringBuilder(SAMPLE);
                    for (int p : positions) {
                        int at = Math.min(p, body.length());
                        body.replace(at, Math.min(at + 1, body.length()), insert);
                    }
                    parsesOrExplains(body.toString());
                });
    }

    private static void parsesOrExplains(String body) {
        SdpResult result = SessionDescription.parse(body);
        if (result instanceof SdpResult.Parsed(SessionDescription sdp)) {
            sdp.origin();
            sdp.media().forEach(m -> {
                m.mediaLine();
                m.payloadFormats();
                m.rtcp();
            });
            SdpResult again = SessionDescription.parse(sdp.encode());
            assertThat(again).isEqualTo(result);
        } else {
            assertThat(((SdpResult.Invalid) result).reason()).isNotBlank();
        }
    }
}
