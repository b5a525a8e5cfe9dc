package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.lifeline.sip.message.AuthHeader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Whatever a phone or an attacker puts in the header, the answer is a reasoned rejection. */
class HmacNonceAuthenticatorProperties {

    private static final String REALM = "site";
    private static final String PASSWORD = "Zq9-never-echoed";
    private static final List<String> NAMES = List.of("username", "realm", "nonce", "uri", "response",
            "algorithm", "qop", "cnonce", "nc", "opaque", "userhash", "stale", "x-junk");

    private final FakeClock clock = new FakeClock();
    private final HmacNonceAuthenticator server = new HmacNonceAuthenticator(
            DigestSettings.of(REALM, "property-test-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII))
                    .withAlgorithms(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5, DigestAlgorithm.SHA_512_256_SESS))
                    .withOpaque(true),
            clock, new SplittableRandom(5));
    private final CredentialLookup users = user -> Optional.of(Credential.password(PASSWORD));

    @Test
    void garbageCredentialsAreRejectedWithAReason() {
        Gen<byte[]> bodies = Generate.byteArrays(Generate.range(0, 255), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(b -> b.length + " bytes: " + HexFormat.of().formatHex(b));
        qt().withExamples(2000).withFixedSeed(0xA07_0001L)
                .forAll(garbage(), bodies)
                .checkAssert((credentials, body) -> {
                    Verdict verdict = server.verify("REGISTER", "sip:site", body, credentials, users);

                    assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class, r ->
                            assertThat(r.reason()).isNotBlank().doesNotContain(PASSWORD).doesNotContainPattern("[\\r\\n]"));
                });
    }

    @Test
    void garbageOnTheWireNeverThrows() {
        qt().withExamples(500).withFixedSeed(0xA07_0002L)
                .forAll(strings().allPossible().ofLengthBetween(0, 255).describedAs(HmacNonceAuthenticatorProperties::quoted))
                .checkAssert(headerValue -> AuthHeader.parse(headerValue).ifPresent(h ->
                        assertThat(server.verify("REGISTER", "sip:site", h, users)).isInstanceOf(Verdict.Rejected.class)));
    }

    @Test
    void clientAnswersOrExplainsAnyChallenge() {
        qt().withExamples(1000).withFixedSeed(0xA07_0003L)
                .forAll(garbage())
                .checkAssert(challenge -> {
                    DigestClient trunk = DigestClient.withPassword("trunk", PASSWORD, new SplittableRandom(3));

                    DigestClient.Answer answer = trunk.answer(List.of(challenge), "REGISTER", "sip:provider");

                    if (answer instanceof DigestClient.Answer.Unanswerable(String reason)) {
                        assertThat(reason).isNotBlank().doesNotContainPattern("[\\r\\n]");
                    }
                    assertThat(answer.toString()).doesNotContain(PASSWORD);
                });
    }

    @Test
    void alteringAnySignedFieldOfAGoodAnswerIsNeverAccepted() {
        // A fresh good answer per try, so that the assumption can look at the value it would replace.
        Gen<AuthHeader> goodAnswers = Generate.constant(() -> HmacNonceAuthenticatorTest.answer(
                DigestClient.withPassword("1001", PASSWORD, new SplittableRandom(9)), server.challenge(false)));
        qt().withExamples(1000).withFixedSeed(0xA07_0004L)
                .forAll(goodAnswers, signedFields(), values())
                .assuming((good, name, value) -> !value.equalsIgnoreCase(good.param(name).orElseThrow()))
                .checkAssert(this::alteringASignedFieldIsNeverAccepted);
    }

    private void alteringASignedFieldIsNeverAccepted(AuthHeader good, String name, String value) {
        String uri = good.param("uri").orElseThrow();

        Verdict altered = server.verify("REGISTER", uri, null, HmacNonceAuthenticatorTest.with(good, name, value), users);

        assertThat(altered).isInstanceOf(Verdict.Rejected.class);
        // The untouched answer still passes: the setup is sound and a rejected try burns no nonce count.
        assertThat(server.verify("REGISTER", uri, null, good, users)).isEqualTo(new Verdict.Accepted("1001"));
    }

    // ---- generators ----

    private static Gen<String> signedFields() {
        return Generate.pick(List.of("username", "realm", "nonce", "uri", "response", "algorithm", "qop", "cnonce", "nc", "opaque"));
    }

    private static Gen<String> values() {
        return Generate.oneOf(
                anyString(80),
                stringsOf("0123456789abcdef", 1, 70),
                Generate.pick(List.of("MD5", "SHA-256", "SHA-512-256-sess", "auth", "auth-int", "00000002", "ffffffff",
                        "sip:site;x=1", "1002", "")))
                .describedAs(HmacNonceAuthenticatorProperties::quoted);
    }

    private Gen<AuthHeader> garbage() {
        Gen<String> values = Generate.oneOf(
                anyString(80),
                stringsOf("0123456789abcdefABCDEF", 0, 70),
                Generate.pick(List.of("MD5", "SHA-256", "SHA-512-256-sess", "auth", "auth-int", "00000001", "ffffffff",
                        "true", REALM, "sip:site", "", server.challenge(false).get(0).param("nonce").orElseThrow())));
        Gen<String> scheme = Generate.pick(List.of("Digest", "digest", "Basic", "X"));
        return scheme.zip(params(values), AuthHeader::new).describedAs(h -> quoted(h.toString()));
    }

    /**
     * Up to all of {@link #NAMES}, each at most once and in random order, with values from {@code values}.
     * (Sort keys pick the order, the size how many of them come along.)
     */
    private static Gen<Map<String, String>> params(Gen<String> values) {
        int n = NAMES.size();
        return integers().between(0, n).zip(
                lists().of(integers().all()).ofSize(n),
                lists().of(values).ofSize(n),
                (size, sortKeys, vals) -> {
                    List<Integer> order = IntStream.range(0, n).boxed()
                            .sorted(Comparator.comparing(sortKeys::get)).toList();
                    Map<String, String> params = new LinkedHashMap<>();
                    order.subList(0, size).forEach(i -> params.put(NAMES.get(i), vals.get(i)));
                    return params;
                });
    }

    /** Any code points, up to maxLength of them. */
    private static Gen<String> anyString(int maxLength) {
        return strings().allPossible().ofLengthBetween(0, maxLength);
    }

    private static Gen<String> stringsOf(String alphabet, int minLength, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(minLength, maxLength)
                .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** A string as a Java literal, control and non-ASCII characters escaped, so a failure shows what was sent. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\u%04x", c));
            }
        });
        return sb.append('"').toString();
    }
}
