package dev.lifeline.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading credentials from the wire bytes gives exactly what parsing the decoded String gives. */
class AuthHeaderBytesProperties {

    private static final String[] PIECES = {
        "Digest", "Basic", " ", "\t", ",", "=", "\"", "\\", "username", "REALM", "nonce", "uri", "response",
        "nc", "qop", "cnonce", "x-ext", "00000001", "auth", "é", "ü\"", "\r\n", "a", "Z9", "~", "<", ";", "%",
        // whole parameters, so that many generated values are well-formed credentials
        " username=\"bob\",", " Realm=\"a\\\"b\",", " nc=00000001,", " qop=auth", " x-Ext=\"é\",", ", ",
        " nonce=\"n\" ,", " URI=\"sip:a@b\"", " response=\"\\\\\"",
    };

    @Test
    void bytePathEqualsStringPath() {
        qt().withExamples(20_000).withFixedSeed(0x5195_00A0L).forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 16))
                .checkAssert(this::sameResult);
        assertThat(withParams).as("cases that parse with parameters").isGreaterThan(500);
    }

    private int withParams;

    private void sameResult(List<Integer> pieces) {
        StringBuilder sb = new StringBuilder();
        for (int p : pieces) {
            sb.append(PIECES[p]);
        }
        check(sb.toString());
        check("Digest" + sb);
    }

    private void check(String value) {
        byte[] wire = ("x" + value + "y").getBytes(StandardCharsets.UTF_8);
        int to = wire.length - 1;
        AuthHeader fromBytes = AuthHeader.parseOrNull(wire, 1, to);
        AuthHeader fromString = AuthHeader.parse(new String(wire, 1, to - 1, StandardCharsets.UTF_8)).orElse(null);
        assertThat(fromBytes).as(value).isEqualTo(fromString);
        if (fromBytes != null) {
            // Same values in the same order, read key by key (values left as bytes decode on first read).
            AuthHeader fresh = AuthHeader.parseOrNull(wire, 1, to); // nothing read from it yet
            for (String key : fromString.params().keySet()) {
                assertThat(fresh.params().get(key)).as(value).isEqualTo(fromString.params().get(key));
            }
            assertThat(List.copyOf(fromBytes.params().entrySet())).as(value)
                    .isEqualTo(List.copyOf(fromString.params().entrySet()));
            assertThat(fromBytes.toString()).as(value).isEqualTo(fromString.toString());
        }
        if (fromBytes != null && !fromBytes.params().isEmpty()) {
            withParams++;
        }
    }
}
