package dev.lifeline.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.auth.Verdict.Accepted;
import dev.lifeline.sip.auth.Verdict.Rejected;
import dev.lifeline.sip.auth.Verdict.Rejected.Kind;
import dev.lifeline.sip.auth.Verdict.Stale;
import dev.lifeline.sip.message.AuthHeader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HmacNonceAuthenticatorTest {

    private static final String REALM = "branch-12.example.net";
    private static final String URI = "sip:branch-12.example.net";
    private static final byte[] SECRET = "a-32-byte-secret-for-the-tests!!".getBytes(StandardCharsets.US_ASCII);
    private static final CredentialLookup USERS = user -> user.equals("1001")
            ? Optional.of(Credential.password("s3cret-1001")) : Optional.empty();

    private final FakeClock clock = new FakeClock();
    private final HmacNonceAuthenticator server = server(DigestSettings.of(REALM, SECRET));
    private final DigestClient phone = DigestClient.withPassword("1001", "s3cret-1001", new SplittableRandom(7));

    private HmacNonceAuthenticator server(DigestSettings settings) {
        return new HmacNonceAuthenticator(settings, clock, new SplittableRandom(42));
    }

    @Test
    void challengeOffersOneHeaderPerAlgorithmPreferredFirst() {
        List<AuthHeader> challenges = server.challenge(false);

        assertThat(challenges).extracting(h -> h.param("algorithm").orElseThrow()).containsExactly("SHA-256", "MD5");
        assertThat(challenges).allSatisfy(h -> {
            assertThat(h.scheme()).isEqualTo("Digest");
            assertThat(h.param("realm")).contains(REALM);
            assertThat(h.param("qop")).contains("auth");
            assertThat(h.param("nonce").orElseThrow()).matches("[A-Za-z0-9_-]{43}");
            assertThat(h.param("stale")).isEmpty();
            assertThat(h.param("opaque")).isEmpty();
        });
        assertThat(challenges.get(0).toString()).startsWith("Digest realm=\"" + REALM + "\", nonce=\"")
                .endsWith("algorithm=SHA-256, qop=\"auth\"");
    }

    @Test
    void staleChallengeSaysSoAndCarriesAFreshNonce() {
        String first = nonce(server.challenge(false));
        List<AuthHeader> stale = server.challenge(true);

        assertThat(stale).allSatisfy(h -> assertThat(h.param("stale")).contains("true"));
        assertThat(nonce(stale)).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void everyAlgorithmRoundTripsBetweenClientAndServer(DigestAlgorithm algorithm) {
        HmacNonceAuthenticator only = server(DigestSettings.of(REALM, SECRET).withAlgorithms(List.of(algorithm)));
        AuthHeader credentials = answer(phone, only.challenge(false));

        assertThat(credentials.param("algorithm")).contains(algorithm.wireName());
        assertThat(only.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Accepted("1001"));
    }

    @Test
    void serverAndClientAgreeAcrossTheWireForm() {
        AuthHeader onTheWire = AuthHeader.parse(answer(phone, server.challenge(false)).toString()).orElseThrow();

        assertThat(server.verify("REGISTER", URI, onTheWire, USERS)).isEqualTo(new Accepted("1001"));
    }

    @Test
    void expiredNonceWithTheRightPasswordIsStale() {
        AuthHeader credentials = answer(phone, server.challenge(false));
        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Stale("1001"));
    }

    @Test
    void nonceIsStillGoodAtTheEndOfItsLifetime() {
        AuthHeader credentials = answer(phone, server.challenge(false));
        clock.advance(Duration.ofMinutes(5));

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Accepted("1001"));
    }

    @Test
    void expiredNonceWithTheWrongPasswordIsStillRejected() {
        DigestClient guesser = DigestClient.withPassword("1001", "guess", new SplittableRandom(1));
        AuthHeader credentials = answer(guesser, server.challenge(false));
        clock.advance(Duration.ofHours(1));

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Rejected(
                "wrong password for 1001 (response mismatch); not counted: nonce expired", Kind.UNUSABLE));
    }

    @Test
    void tamperedNonceIsRejected() {
        String nonce = nonce(server.challenge(false));
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');
        AuthHeader credentials = answer(phone, List.of(challengeWith(Map.of("nonce", tampered))));

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("nonce not issued by this gateway"));
    }

    @Test
    void nonceFromAnotherGatewaySecretIsRejected() {
        byte[] otherSecret = "another-gateway-with-its-own-key".getBytes(StandardCharsets.US_ASCII);
        HmacNonceAuthenticator other = server(DigestSettings.of(REALM, otherSecret));
        AuthHeader credentials = answer(phone, other.challenge(false));

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("nonce not issued by this gateway"));
    }

    @Test
    void replayedNonceCountIsRejected() {
        List<AuthHeader> challenge = server.challenge(false);
        AuthHeader first = answer(phone, challenge);
        AuthHeader second = answer(phone, challenge);

        assertThat(server.verify("REGISTER", URI, first, USERS)).isEqualTo(new Accepted("1001"));
        assertThat(server.verify("REGISTER", URI, second, USERS)).isEqualTo(new Accepted("1001"));
        Verdict replay = server.verify("REGISTER", URI, second, USERS);
        assertThat(replay).isEqualTo(new Rejected("nonce count replayed (nc=00000002 already seen)", Kind.REPLAYED));
        assertThat(server.verify("REGISTER", URI, first, USERS))
                .isEqualTo(new Rejected("nonce count replayed (nc=00000001 already seen)", Kind.REPLAYED));
        // Not a guess (the answer was right) and answered with a stale challenge, never accepted.
        assertThat(((Rejected) replay).passwordGuess()).isFalse();
        assertThat(((Rejected) replay).rechallenge()).isTrue();
        assertThat(((Rejected) replay).stale()).isTrue();
    }

    @Test
    void theNonceCountIsSharedByEveryMethodSoAnInviteCannotReuseARegistersCount() {
        List<AuthHeader> challenge = server.challenge(false);
        AuthHeader register = answer(phone, challenge);
        DigestClient.Answer.Authorization invite = (DigestClient.Answer.Authorization) phone.answer(challenge, "INVITE",
                "sip:900@" + REALM);

        assertThat(server.verify("REGISTER", URI, register, USERS)).isEqualTo(new Accepted("1001"));
        assertThat(server.verify("INVITE", "sip:900@" + REALM, invite.header(), USERS)).isEqualTo(new Accepted("1001"));
        assertThat(server.verify("INVITE", "sip:900@" + REALM, invite.header(), USERS))
                .isEqualTo(new Rejected("nonce count replayed (nc=00000002 already seen)", Kind.REPLAYED));
    }

    @Test
    void anAnswerWithoutQopIsRefusedWithAFreshChallengeByDefault() {
        HmacNonceAuthenticator md5 = server(DigestSettings.of(REALM, SECRET).withAlgorithms(List.of(DigestAlgorithm.MD5)));
        AuthHeader credentials = answer(phone, List.of(without(md5.challenge(false).get(0), "qop")));

        assertThat(credentials.param("qop")).isEmpty();
        Verdict verdict = md5.verify("REGISTER", URI, credentials, USERS);
        assertThat(verdict).isEqualTo(new Rejected("answer without qop (RFC 2617 form); qop=auth is required", Kind.NO_QOP));
        assertThat(((Rejected) verdict).rechallenge()).isTrue();
        assertThat(((Rejected) verdict).stale()).isFalse();
        assertThat(((Rejected) verdict).passwordGuess()).isFalse();
    }

    @Test
    void legacyClientWithoutQopWhenAllowedGetsOneAnswerPerNonce() {
        HmacNonceAuthenticator md5 = server(DigestSettings.of(REALM, SECRET).withAlgorithms(List.of(DigestAlgorithm.MD5))
                .withNoQopAllowed(true));
        AuthHeader challenge = without(md5.challenge(false).get(0), "qop");
        AuthHeader credentials = answer(phone, List.of(challenge));

        assertThat(credentials.param("qop")).isEmpty();
        assertThat(credentials.param("nc")).isEmpty();
        assertThat(credentials.param("cnonce")).isEmpty();
        assertThat(md5.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Accepted("1001"));
        assertThat(md5.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Rejected(
                "nonce reused without qop (each nonce serves one such answer)", Kind.REPLAYED));
        clock.advance(Duration.ofMinutes(6));
        assertThat(md5.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Stale("1001"));
    }

    @Test
    void aWrongAnswerCountsAsAGuessOnlyFromTheAddressTheChallengeWentTo() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        InetAddress victim = InetAddress.getByName("192.0.2.50");
        DigestClient wrong = DigestClient.withPassword("1001", "guess", new SplittableRandom(5));
        AuthHeader credentials = answer(wrong, server.challenge(false, guesser));

        assertThat(server.verify("REGISTER", URI, null, credentials, USERS, guesser))
                .isEqualTo(new Rejected("wrong password for 1001 (response mismatch)", Kind.GUESS));
        // The same answer sent under another source address: whoever sent it never saw that challenge.
        assertThat(server.verify("REGISTER", URI, null, credentials, USERS, victim)).isEqualTo(new Rejected(
                "wrong password for 1001 (response mismatch); not counted: nonce issued to another address",
                Kind.UNUSABLE));
    }

    @Test
    void aRightAnswerFromAnotherAddressIsStillAccepted() throws Exception {
        // A phone whose NAT mapping changed between challenge and answer must not be locked out.
        AuthHeader credentials = answer(phone, server.challenge(false, InetAddress.getByName("192.0.2.7")));

        assertThat(server.verify("REGISTER", URI, null, credentials, USERS, InetAddress.getByName("198.51.100.9")))
                .isEqualTo(new Accepted("1001"));
    }

    @Test
    void changingTheAddressTagOfANonceMakesItForeign() throws Exception {
        InetAddress guesser = InetAddress.getByName("192.0.2.7");
        String nonce = nonce(server.challenge(false, guesser));
        byte[] raw = java.util.Base64.getUrlDecoder().decode(nonce);
        raw[17] ^= 1; // inside the address tag, which the MAC covers
        String altered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        DigestClient wrong = DigestClient.withPassword("1001", "guess", new SplittableRandom(5));
        AuthHeader credentials = answer(wrong, List.of(challengeWith(Map.of("nonce", altered))));

        assertThat(server.verify("REGISTER", URI, null, credentials, USERS, guesser))
                .isEqualTo(new Rejected("nonce not issued by this gateway"));
    }

    @Test
    void wrongPasswordNamesTheUserButNotThePassword() {
        DigestClient typo = DigestClient.withPassword("1001", "s3cret-1002", new SplittableRandom(3));
        Verdict verdict = server.verify("REGISTER", URI, answer(typo, server.challenge(false)), USERS);

        assertThat(verdict).isEqualTo(new Rejected("wrong password for 1001 (response mismatch)", Kind.GUESS));
        assertThat(verdict.toString()).doesNotContain("s3cret");
    }

    @Test
    void unknownUserIsNamed() {
        DigestClient stranger = DigestClient.withPassword("1009", "whatever", new SplittableRandom(3));

        assertThat(server.verify("REGISTER", URI, answer(stranger, server.challenge(false)), USERS))
                .isEqualTo(new Rejected("unknown user 1009", Kind.GUESS));
    }

    @Test
    void storedHa1WorksInsteadOfThePassword() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("1001", REALM, "s3cret-1001");
        CredentialLookup hashed = user -> Optional.of(Credential.Ha1.of(DigestAlgorithm.SHA_256, ha1));

        assertThat(server.verify("REGISTER", URI, answer(phone, server.challenge(false)), hashed))
                .isEqualTo(new Accepted("1001"));
    }

    @Test
    void storedHa1ForAnotherHashSaysWhatIsMissing() {
        String md5 = DigestAlgorithm.MD5.ha1("1001", REALM, "s3cret-1001");
        CredentialLookup hashed = user -> Optional.of(Credential.Ha1.of(DigestAlgorithm.MD5, md5));

        assertThat(server.verify("REGISTER", URI, answer(phone, server.challenge(false)), hashed))
                .isEqualTo(new Rejected("no SHA-256 HA1 stored for 1001 (store its password or a SHA-256 HA1)"));
    }

    @Test
    void realmMismatchIsRejected() {
        AuthHeader credentials = answer(phone, List.of(challengeWith(Map.of("realm", "asterisk"))));

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(
                new Rejected("realm mismatch (credentials for \"asterisk\", this gateway is \"" + REALM + "\")"));
    }

    @Test
    void uriMismatchIsRejected() {
        AuthHeader credentials = answer(phone, server.challenge(false));

        assertThat(server.verify("INVITE", "sip:900@" + REALM, credentials, USERS)).isEqualTo(new Rejected(
                "uri mismatch (uri=\"" + URI + "\", Request-URI sip:900@" + REALM + ")"));
    }

    @Test
    void answerForAnotherMethodIsAWrongResponse() {
        AuthHeader credentials = answer(phone, server.challenge(false));

        assertThat(server.verify("INVITE", URI, credentials, USERS))
                .isEqualTo(new Rejected("wrong password for 1001 (response mismatch)", Kind.GUESS));
    }

    @Test
    void unknownAlgorithmIsNamed() {
        AuthHeader credentials = with(answer(phone, server.challenge(false)), "algorithm", "AKAv1-MD5");

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("unsupported algorithm AKAv1-MD5"));
    }

    @Test
    void algorithmNotOfferedIsRejected() {
        AuthHeader credentials = with(answer(phone, server.challenge(false)), "algorithm", "SHA-512-256");

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("unsupported algorithm SHA-512-256 (offered: SHA-256, MD5)"));
    }

    @Test
    void opaqueMustBeEchoedWhenSent() {
        HmacNonceAuthenticator withOpaque = server(DigestSettings.of(REALM, SECRET).withOpaque(true));
        List<AuthHeader> challenge = withOpaque.challenge(false);
        AuthHeader credentials = answer(phone, challenge);

        assertThat(challenge.get(0).param("opaque")).isPresent();
        assertThat(credentials.param("opaque")).isEqualTo(challenge.get(0).param("opaque"));
        assertThat(withOpaque.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Accepted("1001"));
        assertThat(withOpaque.verify("REGISTER", URI, without(answer(phone, challenge), "opaque"), USERS))
                .isEqualTo(new Rejected("opaque mismatch (the client must echo the challenge's opaque)"));
    }

    @Test
    void authIntCoversTheBody() {
        byte[] sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\n".getBytes(StandardCharsets.US_ASCII);
        AuthHeader authIntOnly = with(server.challenge(false).get(0), "qop", "auth-int");
        AuthHeader credentials = phone.answer(List.of(authIntOnly), "INVITE", URI, sdp) instanceof DigestClient.Answer.Authorization a
                ? a.header() : null;

        assertThat(credentials.param("qop")).contains("auth-int");
        assertThat(server.verify("INVITE", URI, sdp, credentials, USERS)).isEqualTo(new Accepted("1001"));
        assertThat(server.verify("INVITE", URI, "v=1".getBytes(StandardCharsets.US_ASCII), credentials, USERS))
                .isInstanceOf(Rejected.class);
        assertThat(server.verify("INVITE", URI, credentials, USERS))
                .isEqualTo(new Rejected("qop=auth-int needs the message body"));
    }

    @Test
    void missingParametersAreNamed() {
        AuthHeader credentials = without(answer(phone, server.challenge(false)), "response");

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Rejected("missing parameter response"));
        assertThat(server.verify("REGISTER", URI, new AuthHeader("Basic", Map.of()), USERS))
                .isEqualTo(new Rejected("scheme Basic is not Digest"));
    }

    @Test
    void badNonceCountIsNamed() {
        AuthHeader credentials = with(answer(phone, server.challenge(false)), "nc", "1");

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("bad nc 1 (8 hex digits from 00000001 expected)"));
    }

    @Test
    void userhashIsRefusedSinceItIsNotOffered() {
        AuthHeader credentials = with(answer(phone, server.challenge(false)), "userhash", "true");

        assertThat(server.verify("REGISTER", URI, credentials, USERS))
                .isEqualTo(new Rejected("userhash not offered by this gateway"));
    }

    @Test
    void controlCharactersFromTheWireDoNotReachTheReason() {
        DigestClient injector = DigestClient.withPassword("1009\r\nFAKE LOG LINE", "x", new SplittableRandom(3));
        Verdict verdict = server.verify("REGISTER", URI, answer(injector, server.challenge(false)), USERS);

        assertThat(verdict).isEqualTo(new Rejected("unknown user 1009??FAKE LOG LINE", Kind.GUESS));
    }

    @Test
    void nonceCountWindowStaysBoundedAndForgottenNoncesGoStale() {
        HmacNonceAuthenticator small = server(DigestSettings.of(REALM, SECRET).withTrackedNonces(3));
        List<AuthHeader> oldest = small.challenge(false);
        AuthHeader unused = answer(phone, oldest);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(10));
            assertThat(small.verify("REGISTER", URI, answer(phone, small.challenge(false)), USERS))
                    .isEqualTo(new Accepted("1001"));
        }

        assertThat(small.trackedNonces()).isEqualTo(3);
        // Its count may have been evicted, so it must not be trusted: re-challenge instead.
        assertThat(small.verify("REGISTER", URI, unused, USERS)).isEqualTo(new Stale("1001"));
    }

    @Test
    void expiredNonceCountsAreDropped() {
        for (int i = 0; i < 4; i++) {
            server.verify("REGISTER", URI, answer(phone, server.challenge(false)), USERS);
        }
        assertThat(server.trackedNonces()).isEqualTo(4);
        clock.advance(Duration.ofMinutes(6));

        assertThat(server.verify("REGISTER", URI, answer(phone, server.challenge(false)), USERS)).isEqualTo(new Accepted("1001"));
        assertThat(server.trackedNonces()).isEqualTo(1);
    }

    @Test
    void nonceFromBeforeAClockStepBackIsStale() {
        AuthHeader credentials = answer(phone, server.challenge(false));
        clock.advance(Duration.ofHours(-1));

        assertThat(server.verify("REGISTER", URI, credentials, USERS)).isEqualTo(new Stale("1001"));
    }

    static AuthHeader answer(DigestClient client, List<AuthHeader> challenges) {
        DigestClient.Answer answer = client.answer(challenges, "REGISTER", URI);
        assertThat(answer).isInstanceOf(DigestClient.Answer.Authorization.class);
        return ((DigestClient.Answer.Authorization) answer).header();
    }

    private AuthHeader challengeWith(Map<String, String> overrides) {
        AuthHeader challenge = server.challenge(false).get(0);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            challenge = with(challenge, e.getKey(), e.getValue());
        }
        return challenge;
    }

    static AuthHeader with(AuthHeader header, String name, String value) {
        Map<String, String> params = new LinkedHashMap<>(header.params());
        params.put(name, value);
        return new AuthHeader(header.scheme(), params);
    }

    static AuthHeader without(AuthHeader header, String name) {
        Map<String, String> params = new LinkedHashMap<>(header.params());
        params.remove(name);
        return new AuthHeader(header.scheme(), params);
    }

    private static String nonce(List<AuthHeader> challenges) {
        return challenges.get(0).param("nonce").orElseThrow();
    }
}
