package dev.lifeline.sip.stack;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestAlgorithm;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registrar for user 1001 (password s3cret-1001) that challenges with
 * {@link HmacNonceAuthenticator} and answers 200 with the request's Contacts once it verifies.
 */
final class TestRegistrar {

    private final HmacNonceAuthenticator authenticator;
    private final List<Verdict> verdicts = new CopyOnWriteArrayList<>();

    TestRegistrar(List<DigestAlgorithm> algorithms) {
        byte[] secret = "a-32-byte-secret-for-the-tests!!".getBytes(StandardCharsets.US_ASCII);
        authenticator = new HmacNonceAuthenticator(DigestSettings.of("lab.example", secret).withAlgorithms(algorithms),
                Clock.systemUTC(), new SplittableRandom(42));
    }

    List<Verdict> verdicts() {
        return verdicts;
    }

    void onRequest(ServerRequest request) {
        if (!request.method().equals("REGISTER")) {
            request.respond(405, "Method Not Allowed");
            return;
        }
        List<AuthHeader> credentials = request.request().authorization();
        if (credentials.isEmpty()) {
            challenge(request, false);
            return;
        }
        Verdict verdict = authenticator.verify(request.method(), request.request().requestUri().toString(),
                credentials.get(0), user -> user.equals("1001")
                        ? Optional.of(Credential.password("s3cret-1001")) : Optional.empty());
        verdicts.add(verdict);
        switch (verdict) {
            case Verdict.Accepted a -> accept(request);
            case Verdict.Stale s -> challenge(request, true);
            case Verdict.Rejected r -> challenge(request, false);
        }
    }

    private static void accept(ServerRequest request) {
        SipResponse.Builder ok = request.response(200, "OK");
        request.request().contacts().forEach(ok::contact);
        request.respond(ok.build());
    }

    private void challenge(ServerRequest request, boolean stale) {
        SipResponse.Builder challenge = request.response(401, "Unauthorized");
        authenticator.challenge(stale).forEach(h -> challenge.header(HeaderNames.WWW_AUTHENTICATE, h.toString()));
        request.respond(challenge.build());
    }
}
