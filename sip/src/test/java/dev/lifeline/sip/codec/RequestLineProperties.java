package dev.lifeline.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.lifeline.sip.message.Headers;
import dev.lifeline.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Request-Line read from the bytes in one pass ({@link SipParser#commonRequest}) gives exactly
 * what reading it as text gives, whenever it gives anything: same method, URI and start line, and
 * the text path accepts it too. Lines are generated from pieces of valid and broken Request-Lines.
 */
class RequestLineProperties {

    private static final String[] PIECES = {
        "INVITE", "REGISTER", "invite", "X-Method", "IN VITE", "INV@TE", " ", "  ", "\t", "sip:", "SIP:", "sips:",
        "tel:+1555", "urn:x", "bob@", "example.com", "192.0.2.1", "[::1]", ":5060", ":70000", ";transport=udp", ";lr",
        "?subject=x", "<", ">", "%41", "%4", "@", "SIP/2.0", "sip/2.0", "SIP/2.1", "SIP/2.0 ", "é", "\u0000", ";",
    };

    private int fast;

    @Test
    void bytePathEqualsTextPath() {
        qt().withExamples(40_000).withFixedSeed(0x5195_00B1L)
                .forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 10))
                .checkAssert(pieces -> {
                    StringBuilder sb = new StringBuilder();
                    pieces.forEach(p -> sb.append(PIECES[p]));
                    check(sb.toString());
                    check("INVITE sip:" + sb);
                    check("REGISTER " + sb + " SIP/2.0");
                    check("OPTIONS sip:" + sb + " SIP/2.0");
                    String noSpace = sb.toString().replace(" ", "").replace("\t", "");
                    check("INVITE sip:" + noSpace + " SIP/2.0");
                    check("BYE sips:a@" + noSpace + " sip/2.0");
                });
        System.out.println("request lines read on the byte path: " + fast);
        assertThat(fast).as("lines read on the byte path").isGreaterThan(2_000);
    }

    private void check(String line) {
        byte[] b = ("x" + line + "y").getBytes(StandardCharsets.UTF_8);
        int from = 1;
        int to = b.length - 1;
        String text = new String(b, from, to - from, StandardCharsets.UTF_8);
        SipRequest common = SipParser.commonRequest(b, from, to, text, Headers.EMPTY, new byte[0], b);
        if (common == null) {
            return;
        }
        fast++;
        SipRequest expected;
        try {
            expected = SipParser.textRequest(text, Headers.EMPTY, new byte[0], b);
        } catch (SipParser.StartLineException e) {
            throw new AssertionError("byte path accepted what the text path rejects (" + e.getMessage() + "): " + line);
        }
        assertThat(common.method()).as(line).isEqualTo(expected.method());
        assertThat(common.requestUri().toString()).as(line).isEqualTo(expected.requestUri().toString());
        assertThat(common.requestUri().getClass()).as(line).isEqualTo(expected.requestUri().getClass());
        assertThat(common.startLine()).as(line).isEqualTo(expected.startLine());
    }
}
