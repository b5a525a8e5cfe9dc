package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.message.AuthHeader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property(tries = 2000)
    void garbageCredentialsAreRejectedWithAReason(@ForAll("garbage") AuthHeader credentials, @ForAll byte[] body) {
        Verdict verdict = server.verify("REGISTER", "sip:site", body, credentials, users);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class, r ->
                assertThat(r.reason()).isNotBlank().doesNotContain(PASSWORD).doesNotContainPattern("[\\r\\n]"));
    }

    @Property(tries = 500)
    void garbageOnTheWireNeverThrows(@ForAll String headerValue) {
        AuthHeader.parse(headerValue).ifPresent(h ->
                assertThat(server.verify("REGISTER", "sip:site", h, users)).isInstanceOf(Verdict.Rejected.class));
    }

    @Property(tries = 1000)
    void clientAnswersOrExplainsAnyChallenge(@ForAll("garbage") AuthHeader challenge) {
        DigestClient trunk = DigestClient.withPassword("trunk", PASSWORD, new SplittableRandom(3));

        DigestClient.Answer answer = trunk.answer(List.of(challenge), "REGISTER", "sip:provider");

        if (answer instanceof DigestClient.Answer.Unanswerable(String reason)) {
            assertThat(reason).isNotBlank().doesNotContainPattern("[\\r\\n]");
        }
        assertThat(answer.toString()).doesNotContain(PASSWORD);
    }

    @Property(tries = 1000)
    void alteringAnySignedFieldOfAGoodAnswerIsNeverAccepted(
            @ForAll("signedFields") String name, @ForAll("values") String value) {
        DigestClient phone = DigestClient.withPassword("1001", PASSWORD, new SplittableRandom(9));
        AuthHeader good = HmacNonceAuthenticatorTest.answer(phone, server.challenge(false));
        Assume.that(!value.equalsIgnoreCase(good.param(name).orElseThrow()));

        String uri = good.param("uri").orElseThrow();

        Verdict altered = server.verify("REGISTER", uri, null, HmacNonceAuthenticatorTest.with(good, name, value), users);

        assertThat(altered).isInstanceOf(Verdict.Rejected.class);
        // The untouched answer still passes: the setup is sound and a rejected try burns no nonce count.
        assertThat(server.verify("REGISTER", uri, null, good, users)).isEqualTo(new Verdict.Accepted("1001"));
    }

    @Provide
    Arbitrary<String> signedFields() {
        return Arbitraries.of("username", "realm", "nonce", "uri", "response", "algorithm", "qop", "cnonce", "nc", "opaque");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(70),
                Arbitraries.of("MD5", "SHA-256", "SHA-512-256-sess", "auth", "auth-int", "00000002", "ffffffff",
                        "sip:site;x=1", "1002", ""));
    }

    @Provide
    Arbitrary<AuthHeader> garbage() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(70),
                Arbitraries.of("MD5", "SHA-256", "SHA-512-256-sess", "auth", "auth-int", "00000001", "ffffffff",
                        "true", REALM, "sip:site", "", server.challenge(false).get(0).param("nonce").orElseThrow()));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(Arbitraries.of(NAMES), values).ofMaxSize(NAMES.size())
                .map(LinkedHashMap::new);
        Arbitrary<String> scheme = Arbitraries.of("Digest", "digest", "Basic", "X");
        return Combinators.combine(scheme, params).as(AuthHeader::new);
    }
}
