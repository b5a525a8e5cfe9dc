package dev.lifeline.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link HeaderNames#idAt} (which compares names eight bytes at a time where the array allows)
 * finds exactly the known name or compact form that a plain case-insensitive comparison of the
 * text before the first delimiter finds, wherever the line sits in its array.
 */
class HeaderNamesProperties {

    private static final String[] PIECES = {
        "Via", "vIA", "v", "V", "From", "f", "To", "t", "Call-ID", "call-id", "i", "CSeq", "CSEQ", "Contact", "m",
        "Max-Forwards", "Content-Length", "content-length", "l", "Content-Type", "c", "Record-Route", "Route",
        "Proxy-Authorization", "PROXY-AUTHORIZATION", "Authorization", "WWW-Authenticate", "Allow", "Allow-Events",
        "Supported", "User-Agent", "P-Asserted-Identity", "Subscription-State", "X-Custom", "Contact-X",
        "Call", "ID", "Content", "Type", "Record", "User", "Agent", "Proxy",
        ":", " ", "\t", "\r", "-", "_", "a", "Z", "é", "\u00ff", "\u0000", "@", "`", "{", "~", "\u00c0", "Vi", "Ca",
    };

    private int matched;

    @Test
    void idAtEqualsPlainComparison() {
        qt().withExamples(40_000).withFixedSeed(0x5195_00B0L)
                .forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(1, 5),
                        integers().between(0, 9), integers().between(0, 30))
                .checkAssert((pieces, lead, tail) -> {
                    StringBuilder sb = new StringBuilder();
                    pieces.forEach(p -> sb.append(PIECES[p]));
                    check(sb.toString(), lead, tail);
                    check(sb + ": x", lead, tail);
                });
        assertThat(matched).as("lines that start with a known name").isGreaterThan(5_000);
    }

    /** Bytes a name's byte is swapped for: other case bits, CR (which is '-' with bit 0x20 set), non-ASCII. */
    private static final char[] SWAPS = {'\r', '-', '_', '@', '`', '[', '{', '\u00c1', '\u00e1', 'i', 'I', ' ', ':', '\u0000'};

    @Test
    void idAtRejectsNearMisses() {
        qt().withExamples(40_000).withFixedSeed(0x5195_00B1L)
                .forAll(integers().between(0, PIECES.length - 1), integers().all(),
                        integers().between(0, 24 * SWAPS.length), integers().between(0, 40 * 10 - 1))
                .checkAssert((piece, caseBits, swap, place) -> {
                    char[] name = PIECES[piece].toCharArray();
                    for (int i = 0; i < name.length && i < 32; i++) {
                        if ((caseBits >>> i & 1) != 0 && name[i] < 0x80) {
                            name[i] = Character.isUpperCase(name[i]) ? Character.toLowerCase(name[i])
                                    : Character.toUpperCase(name[i]);
                        }
                    }
                    int at = swap / SWAPS.length;
                    if (at < name.length) {
                        name[at] = SWAPS[swap % SWAPS.length];
                    }
                    check(new String(name) + ":v", place % 10, place / 10);
                });
    }

    private void check(String line, int lead, int tail) {
        byte[] text = line.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[lead + text.length + tail];
        java.util.Arrays.fill(b, (byte) 'a'); // padding a wrong read past limit would see as a letter
        System.arraycopy(text, 0, b, lead, text.length);
        int limit = lead + text.length;
        int expected = expected(b, lead, limit);
        assertThat(HeaderNames.idAt(b, lead, limit)).as("'%s' at %d, %d after", line, lead, tail).isEqualTo(expected);
        if (expected >= 0) {
            matched++;
        }
    }

    private static int expected(byte[] b, int from, int limit) {
        int d = from;
        while (d < limit && b[d] != ':' && b[d] != ' ' && b[d] != '\t') {
            d++;
        }
        if (d == limit || d == from || !isLetter(b[from])) {
            return -1;
        }
        String name = new String(b, from, d - from, StandardCharsets.ISO_8859_1);
        String canonical = HeaderNames.canonical(name);
        return HeaderNames.isCanonicalConstant(canonical) ? (d - from) << 8 | HeaderNames.id(canonical) : -1;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

}
