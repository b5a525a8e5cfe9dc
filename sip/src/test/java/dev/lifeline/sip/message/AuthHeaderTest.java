package dev.lifeline.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.codec.SipParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact parse path of AuthHeader keeps the map semantics and the quoting rules. */
class AuthHeaderTest {

    @Test
    void quotedPairsAreResolvedAndPlainValuesAreCut() {
        AuthHeader a = AuthHeader.parse("Digest username=\"bo\\\"b\", realm=\"x\\\\y\", nonce=\"n\", nc=00000001")
                .orElseThrow();
        assertThat(a.param("username")).contains("bo\"b");
        assertThat(a.param("realm")).contains("x\\y");
        assertThat(a.param("NONCE")).contains("n");
        assertThat(a.param("nc")).contains("00000001");
        assertThat(a.params().keySet()).containsExactly("username", "realm", "nonce", "nc");
    }

    @Test
    void firstOfDuplicateNamesWinsWhateverTheirCase() {
        AuthHeader a = AuthHeader.parse("Digest Realm=\"a\", REALM=\"b\", x-Ext=1, X-EXT=2").orElseThrow();
        assertThat(a.params()).containsExactly(Map.entry("realm", "a"), Map.entry("x-ext", "1"));
    }

    @Test
    void malformedValuesAreEmpty() {
        assertThat(AuthHeader.parse("Digest username=\"unterminated")).isEmpty();
        assertThat(AuthHeader.parse("Digest username=\"a\\\"")).isEmpty();
        assertThat(AuthHeader.parse("Digest username")).isEmpty();
        assertThat(AuthHeader.parse("Digest a=\"1\" b=\"2\"")).isEmpty();
        assertThat(AuthHeader.parse("")).isEmpty();
    }

    @Test
    void paramsEqualAnyMapWithTheSameEntriesAndAreImmutable() {
        AuthHeader parsed = AuthHeader.parse("Digest username=\"bob\", qop=auth").orElseThrow();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("username", "bob");
        m.put("qop", "auth");
        AuthHeader built = new AuthHeader("Digest", m);
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.hashCode()).isEqualTo(built.hashCode());
        assertThat(parsed.params()).isEqualTo(m).hasToString(m.toString());
        assertThatThrownBy(() -> parsed.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        m.put("username", "eve");
        assertThat(built.param("username")).contains("bob");
    }

    @Test
    void credentialsPrintBackToEqualCredentials() {
        AuthHeader a = AuthHeader.parse("Digest username=\"bo\\\"b\", response=\"r\", qop=auth, nc=00000001, "
                + "algorithm=MD5").orElseThrow();
        assertThat(AuthHeader.parse(a.toString())).contains(a);
    }

    @Test
    void messageAccessorsParseTheHeaderKeptAsBytes() {
        String text = "REGISTER sip:h SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\n"
                + "To: <sip:a@h>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
                + "authorization:  Digest username=\"a\", realm=\"h\"  \r\nContent-Length: 0\r\n\r\n";
        ParseResult r = new SipParser().parse(text.getBytes(StandardCharsets.US_ASCII));
        SipRequest req = (SipRequest) ((ParseResult.Ok) r).message();
        assertThat(req.authorization()).singleElement()
                .satisfies(a -> assertThat(a.param("realm")).contains("h"));
        assertThat(req.headers().first("Authorization")).contains("Digest username=\"a\", realm=\"h\"");
    }
}
