package dev.lifeline.gateway.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.Event.BindingSaved;
import dev.lifeline.gateway.events.Event.RegistrationRejected;
import dev.lifeline.gateway.events.RecordingEventSink;
import dev.lifeline.gateway.registrar.location.FakeLocationStore;
import dev.lifeline.gateway.storage.StorageException;
import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.CredentialLookup;
import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The whole REGISTER flow: challenge, digest, decision, durable store, events. */
class RegisterHandlerTest {

    static final byte[] SECRET = "a-32-byte-secret-for-the-tests!!".getBytes(StandardCharsets.US_ASCII);
    static final Map<String, String> PASSWORDS = Map.of("1001", "pw1001", "1002", "pw1002");
    static final CredentialLookup USERS = user -> Optional.ofNullable(PASSWORDS.get(user)).map(Credential::password);

    final FakeClock clock = new FakeClock();
    final List<String> guesses = new CopyOnWriteArrayList<>();
    final RecordingEventSink events = new RecordingEventSink();
    final FakeLocationStore store = new FakeLocationStore(events);
    final HmacNonceAuthenticator authenticator =
            new HmacNonceAuthenticator(DigestSettings.of(Register.DOMAIN, SECRET), clock, new SplittableRandom(42));
    final RegisterHandler handler = new RegisterHandler(new Registrar(RegistrarTest.EXACT, new SplittableRandom(1)),
            authenticator, USERS, store, events, clock, new SplittableRandom(2), Runnable::run,
            (source, reason) -> guesses.add(source.getHostAddress() + ": " + reason));

    private SipResponse send(Register r) {
        SipResponse response = handler.handle(inbound(r)).toCompletableFuture().join();
        assertThat(response.callId()).isEqualTo(r.build().callId());
        return response;
    }

    private static InboundMessage inbound(Register r) {
        return new InboundMessage(r.build(), Register.SOURCE.transport(), Register.SOURCE.remote(), Register.SOURCE.local(),
                Register.SOURCE.connection().orElseThrow());
    }

    /** What a phone does: send, answer the 401 with its password, send again with CSeq + 1. */
    private SipResponse register(String user, String password, Register r) {
        SipResponse challenge = send(r);
        assertThat(challenge.status()).isEqualTo(401);
        return send(r.cseq(2).header("Authorization", answer(user, password, challenge).toString()));
    }

    private static AuthHeader answer(String user, String password, SipResponse challenge) {
        DigestClient phone = DigestClient.withPassword(user, password, new SplittableRandom(7));
        return ((DigestClient.Answer.Authorization) phone.answer(challenge.wwwAuthenticate(), "REGISTER",
                "sip:" + Register.DOMAIN)).header();
    }

    @Test
    void firstRegisterIsChallengedAndNothingIsStored() {
        SipResponse r = send(Register.of().contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).extracting(h -> h.param("algorithm").orElseThrow()).containsExactly("SHA-256", "MD5");
        assertThat(r.to().tag()).isPresent();
        assertThat(store.all(clock.instant())).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void answeredChallengeStoresTheBindingThenReportsIt() {
        SipResponse ok = register("1001", "pw1001", Register.of().contact(RegistrarTest.PHONE).expires(600));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contacts()).singleElement().satisfies(c -> assertThat(c.expires()).hasValue(600));
        assertThat(store.lookup("1001", clock.instant())).singleElement()
                .satisfies(b -> assertThat(b.flow()).isEqualTo(Register.SOURCE));
        assertThat(events.events()).singleElement().isInstanceOf(BindingSaved.class);
    }

    @Test
    void wrongPasswordIsForbiddenLoggedAndNeverStored() {
        SipResponse r = register("1001", "guess", Register.of().contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(403);
        assertThat(store.applied()).isEmpty();
        assertThat(events.ofType(RegistrationRejected.class)).singleElement().satisfies(e -> {
            assertThat(e.aor()).isEqualTo("1001");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.source()).isEqualTo(Register.SOURCE.remote());
            assertThat(e.reason()).contains("wrong password").doesNotContain("guess");
        });
        assertThat(guesses).containsExactly("203.0.113.7: wrong password for 1001 (response mismatch)");
    }

    @Test
    void junkCredentialsAreForbiddenButProveNoGuess() {
        AuthHeader junk = new AuthHeader("Digest", Map.of("username", "1001", "realm", Register.DOMAIN,
                "nonce", "bm90LW91cnM", "uri", "sip:" + Register.DOMAIN, "response", "0123456789abcdef0123456789abcdef",
                "qop", "auth", "nc", "00000001", "cnonce", "abc"));

        SipResponse r = send(Register.of().contact(RegistrarTest.PHONE).header("Authorization", junk.toString()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(guesses).isEmpty();
    }

    @Test
    void aReplayedRegisterIsChallengedAgainAndNotStoredTwice() {
        Register r = Register.of().contact(RegistrarTest.PHONE).expires(600);
        SipResponse challenge = send(r);
        Register answered = r.cseq(2).header("Authorization", answer("1001", "pw1001", challenge).toString());
        assertThat(send(answered).status()).isEqualTo(200);

        SipResponse replay = send(answered);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.wwwAuthenticate()).allSatisfy(h -> assertThat(h.param("stale")).contains("true"));
        assertThat(store.applied()).hasSize(1);
        assertThat(guesses).isEmpty();
        assertThat(events.ofType(RegistrationRejected.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("replayed"));
    }

    @Test
    void anAnswerWithoutQopIsChallengedAgainNotAccepted() {
        Register r = Register.of().contact(RegistrarTest.PHONE);
        SipResponse challenge = send(r);
        DigestClient oldPhone = DigestClient.withPassword("1001", "pw1001", new SplittableRandom(7));
        List<AuthHeader> withoutQop = challenge.wwwAuthenticate().stream().map(h -> {
            Map<String, String> params = new java.util.LinkedHashMap<>(h.params());
            params.remove("qop");
            return new AuthHeader(h.scheme(), params);
        }).toList();
        AuthHeader legacy = ((DigestClient.Answer.Authorization) oldPhone.answer(withoutQop, "REGISTER",
                "sip:" + Register.DOMAIN)).header();

        SipResponse again = send(r.cseq(2).header("Authorization", legacy.toString()));

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.wwwAuthenticate()).allSatisfy(h -> assertThat(h.param("stale")).isEmpty());
        assertThat(store.applied()).isEmpty();
        assertThat(events.ofType(RegistrationRejected.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("without qop"));
    }

    @Test
    void unknownUserIsForbiddenAndNeverStored() {
        SipResponse r = register("6666", "pw6666", Register.of().to("sip:6666@" + Register.DOMAIN).contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(403);
        assertThat(store.applied()).isEmpty();
        assertThat(events.ofType(RegistrationRejected.class)).extracting(RegistrationRejected::reason)
                .singleElement().asString().contains("unknown user");
        assertThat(guesses).singleElement().asString().contains("unknown user 6666");
    }

    @Test
    void aPhoneCannotRegisterAnotherExtensionWithItsOwnPassword() {
        SipResponse r = register("1001", "pw1001", Register.of().to("sip:1002@" + Register.DOMAIN).contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(403);
        assertThat(store.applied()).isEmpty();
        assertThat(store.lookup("1002", clock.instant())).isEmpty();
        assertThat(guesses).as("the password was right").isEmpty();
    }

    @Test
    void expiredNonceIsChallengedAgainAsStale() {
        Register r = Register.of().contact(RegistrarTest.PHONE);
        AuthHeader old = answer("1001", "pw1001", send(r));
        clock.advance(Duration.ofMinutes(6));

        SipResponse again = send(r.cseq(2).header("Authorization", old.toString()));

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.wwwAuthenticate()).allSatisfy(h -> assertThat(h.param("stale")).contains("true"));
        assertThat(store.applied()).isEmpty();
    }

    @Test
    void aFailedCommitAnswers500AndReportsNoBinding() {
        store.failNext(new StorageException("disk I/O error"));

        SipResponse r = register("1001", "pw1001", Register.of().contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.retryAfter()).isPresent();
        assertThat(events.events()).singleElement().isInstanceOfSatisfying(RegistrationRejected.class,
                e -> assertThat(e.status()).isEqualTo(500));
        assertThat(store.lookup("1001", clock.instant())).isEmpty();
    }

    @Test
    void aFullStoreQueueAnswers503WithASpreadRetryAfter() {
        store.failNext(new RejectedExecutionException("queue full"));

        SipResponse r = register("1001", "pw1001", Register.of().contact(RegistrarTest.PHONE));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfter().getAsInt()).isBetween(5, 15);
    }

    @Test
    void refreshAndRemovalFlowThroughTheStoreInOrder() {
        register("1001", "pw1001", Register.of().contact(RegistrarTest.PHONE).expires(600));
        SipResponse challenge = send(Register.of().cseq(3).contact(RegistrarTest.PHONE).expires(0));
        SipResponse removed = send(Register.of().cseq(4).contact(RegistrarTest.PHONE).expires(0)
                .header("Authorization", answer("1001", "pw1001", challenge).toString()));

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.contacts()).isEmpty();
        assertThat(events.events()).extracting(Event::type).containsExactly("BindingSaved", "BindingRemoved");
        assertThat(handler.activeAors()).isZero();
    }
}
