package dev.lifeline.sip.auth;

import static dev.lifeline.sip.auth.HmacNonceAuthenticatorTest.with;
import static dev.lifeline.sip.auth.HmacNonceAuthenticatorTest.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.auth.DigestClient.Answer;
import dev.lifeline.sip.message.AuthHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigestClientTest {

    private static final String URI = "sip:provider.example.com";
    private final DigestClient trunk = DigestClient.withPassword("trunk-12", "pw-12", new SplittableRandom(11));

    @Test
    void answersTheStrongestOfferedAlgorithm() {
        List<AuthHeader> offered = List.of(challenge("MD5", "n1"), challenge("SHA-256", "n2"), challenge("AKAv1-MD5", "n3"));

        Answer.Authorization answer = authorization(trunk.answer(offered, "REGISTER", URI));

        assertThat(answer.algorithm()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(answer.header().param("nonce")).contains("n2");
        assertThat(answer.header().param("algorithm")).contains("SHA-256");
    }

    @Test
    void serverOrderBreaksTiesBetweenAHashAndItsSessionVariant() {
        List<AuthHeader> offered = List.of(challenge("SHA-256-sess", "a"), challenge("SHA-256", "b"));

        assertThat(authorization(trunk.answer(offered, "REGISTER", URI)).algorithm()).isEqualTo(DigestAlgorithm.SHA_256_SESS);
    }

    @Test
    void answerMatchesTheRfcComputation() {
        DigestClient mufasa = DigestClient.withPassword("Mufasa", "Circle of Life", new SplittableRandom(1));
        AuthHeader challenge = AuthHeader.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"").orElseThrow();

        AuthHeader header = authorization(mufasa.answer(List.of(challenge), "GET", "/dir/index.html")).header();
        DigestInputs inputs = new DigestInputs(header.param("nonce").orElseThrow(), header.param("cnonce").orElseThrow(),
                "00000001", Qop.AUTH, "GET", "/dir/index.html", null);

        assertThat(header.param("qop")).contains("auth");
        assertThat(header.param("nc")).contains("00000001");
        assertThat(header.param("opaque")).contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
        assertThat(header.param("response")).contains(inputs.response(DigestAlgorithm.SHA_256,
                DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life")));
        assertThat(header.toString()).startsWith("Digest username=\"Mufasa\", realm=\"http-auth@example.org\"")
                .contains("algorithm=SHA-256").contains("qop=auth, nc=00000001");
    }

    @Test
    void nonceCountGoesUpPerNonceAndRestartsForANewOne() {
        List<AuthHeader> first = List.of(challenge("MD5", "n1"));
        List<AuthHeader> stale = List.of(with(challenge("MD5", "n2"), "stale", "true"));

        assertThat(nc(trunk.answer(first, "REGISTER", URI))).isEqualTo("00000001");
        assertThat(nc(trunk.answer(first, "REGISTER", URI))).isEqualTo("00000002");
        assertThat(DigestClient.isStale(stale.get(0))).isTrue();
        assertThat(nc(trunk.answer(stale, "REGISTER", URI))).isEqualTo("00000001");
        assertThat(nc(trunk.answer(first, "REGISTER", URI))).isEqualTo("00000003");
    }

    @Test
    void cnonceIsFreshForEachAnswer() {
        List<AuthHeader> offered = List.of(challenge("MD5", "n1"));

        String a = authorization(trunk.answer(offered, "REGISTER", URI)).header().param("cnonce").orElseThrow();
        String b = authorization(trunk.answer(offered, "REGISTER", URI)).header().param("cnonce").orElseThrow();

        assertThat(a).hasSize(32).isNotEqualTo(b);
    }

    @Test
    void legacyChallengeGetsTheRfc2617Answer() {
        AuthHeader legacy = AuthHeader.parse("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")
                .orElseThrow();

        AuthHeader header = authorization(trunk.answer(List.of(legacy), "REGISTER", URI)).header();

        assertThat(header.params()).containsOnlyKeys("username", "realm", "nonce", "uri", "response");
        String ha1 = DigestAlgorithm.MD5.ha1("trunk-12", "testrealm@host.com", "pw-12");
        String ha2 = DigestAlgorithm.MD5.hash("REGISTER:" + URI);
        assertThat(header.param("response"))
                .contains(DigestAlgorithm.MD5.hash(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2));
    }

    @Test
    void sessionAlgorithmWithoutQopStillSendsTheCnonceItNeeds() {
        AuthHeader challenge = without(challenge("MD5-sess", "n1"), "qop");

        AuthHeader header = authorization(trunk.answer(List.of(challenge), "REGISTER", URI)).header();

        assertThat(header.param("cnonce")).isPresent();
        assertThat(header.param("nc")).isEmpty();
    }

    @Test
    void authIntOnlyNeedsTheBody() {
        AuthHeader challenge = with(challenge("SHA-256", "n1"), "qop", "auth-int");
        byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(trunk.answer(List.of(challenge), "INVITE", URI))
                .isEqualTo(new Answer.Unanswerable("no usable qop in auth-int (auth-int needs the body)"));
        assertThat(authorization(trunk.answer(List.of(challenge), "INVITE", URI, sdp)).header().param("qop"))
                .contains("auth-int");
    }

    @Test
    void userhashChallengeHidesTheUsername() {
        AuthHeader challenge = with(challenge("SHA-512-256", "n1"), "userhash", "true");

        AuthHeader header = authorization(trunk.answer(List.of(challenge), "REGISTER", URI)).header();

        assertThat(header.param("username")).contains(DigestAlgorithm.SHA_512_256.userhash("trunk-12", "provider"));
        assertThat(header.toString()).contains("userhash=true").doesNotContain("trunk-12");
    }

    @Test
    void unanswerableChallengesSayWhy() {
        List<AuthHeader> offered = List.of(AuthHeader.parse("Basic realm=\"x\"").orElseThrow(),
                challenge("AKAv1-MD5", "n1"), with(challenge("MD5", "n2"), "qop", "auth-conf"));

        assertThat(trunk.answer(offered, "REGISTER", URI)).isEqualTo(new Answer.Unanswerable(
                "scheme Basic is not Digest; unsupported algorithm AKAv1-MD5; no usable qop in auth-conf"));
        assertThat(trunk.answer(List.of(), "REGISTER", URI)).isEqualTo(new Answer.Unanswerable("no challenge"));
    }

    @Test
    void storedHa1ForAnotherHashIsUnanswerable() {
        DigestClient hashed = new DigestClient("trunk-12",
                Credential.Ha1.of(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("trunk-12", "provider", "pw-12")),
                new SplittableRandom(2));

        assertThat(hashed.answer(List.of(challenge("SHA-256", "n1")), "REGISTER", URI))
                .isEqualTo(new Answer.Unanswerable("no SHA-256 HA1 configured for trunk-12"));
        assertThat(hashed.answer(List.of(challenge("MD5", "n1")), "REGISTER", URI))
                .isInstanceOf(Answer.Authorization.class);
    }

    @Test
    void secretNeverPrints() {
        assertThat(trunk.toString()).contains("trunk-12").doesNotContain("pw-12");
    }

    private static AuthHeader challenge(String algorithm, String nonce) {
        return AuthHeader.parse("Digest realm=\"provider\", nonce=\"" + nonce + "\", algorithm=" + algorithm + ", qop=\"auth\"")
                .orElseThrow();
    }

    private static Answer.Authorization authorization(Answer answer) {
        assertThat(answer).isInstanceOf(Answer.Authorization.class);
        return (Answer.Authorization) answer;
    }

    private static String nc(Answer answer) {
        return authorization(answer).header().param("nc").orElseThrow();
    }
}
