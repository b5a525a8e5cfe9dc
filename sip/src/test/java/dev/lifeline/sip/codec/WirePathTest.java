package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every corpus message that parses reads the same typed values from its wire bytes as from its text. */
class WirePathTest {

    private static final SipParser PARSER = new SipParser();

    @Test
    void corpusMessagesReadTheSameFromWireAndText() {
        int n = 0;
        for (byte[] data : Corpus.allOk()) {
            ParseResult r = PARSER.parse(data);
            assertThat(r).isInstanceOf(ParseResult.Ok.class);
            WirePaths.assertSameAsTextPath(((ParseResult.Ok) r).message());
            n++;
        }
        assertThat(n).isGreaterThan(25);
    }
}
