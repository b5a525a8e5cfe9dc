package dev.lifeline.drill.lab.phone;

import dev.lifeline.sip.auth.Credential;
import dev.lifeline.sip.auth.DigestSettings;
import dev.lifeline.sip.auth.HmacNonceAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registrar on a {@link SipStack} for the phone tests: challenges every REGISTER without
 * credentials with {@link HmacNonceAuthenticator} (realm lab.lifeline), and answers one with
 * valid credentials 200, listing the Contact with the expiry it asked for.
 */
final class FakeRegistrar implements AutoCloseable {

    final SipStack stack;
    final List<SipRequest> registers = new CopyOnWriteArrayList<>();
    final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    private final HmacNonceAuthenticator authenticator;
    private final Map<String, String> passwords;

    FakeRegistrar(Map<String, String> passwords, TimerConfig timers) throws TransportException {
        this.passwords = Map.copyOf(passwords);
        byte[] secret = "a-32-byte-secret-for-the-tests!!".getBytes(StandardCharsets.US_ASCII);
        this.authenticator = new HmacNonceAuthenticator(DigestSettings.of("lab.lifeline", secret), Clock.systemUTC(),
                new SplittableRandom(42));
        this.stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))).withTimers(timers),
                this::onRequest);
    }

    InetSocketAddress address() {
        return stack.listenPoints().get(0).address();
    }

    long accepted(String extension) {
        return verdicts.stream().filter(v -> v.equals(new Verdict.Accepted(extension))).count();
    }

    private void onRequest(ServerRequest request) {
        if (!request.method().equals("REGISTER")) {
            request.respond(405, "Method Not Allowed");
            return;
        }
        registers.add(request.request());
        List<AuthHeader> credentials = request.request().authorization();
        if (credentials.isEmpty()) {
            challenge(request, false);
            return;
        }
        Verdict verdict = authenticator.verify(request.method(), request.request().requestUri().toString(),
                credentials.get(0), user -> Optional.ofNullable(passwords.get(user)).map(Credential::password));
        verdicts.add(verdict);
        switch (verdict) {
            case Verdict.Accepted a -> {
                int expires = request.request().expires().orElse(3600);
                SipResponse.Builder ok = request.response(200, "OK");
                request.request().contacts().forEach(c -> ok.contact(c.withExpires(expires)));
                request.respond(ok.build());
            }
            case Verdict.Stale s -> challenge(request, true);
            case Verdict.Rejected r -> challenge(request, false);
        }
    }

    private void challenge(ServerRequest request, boolean stale) {
        SipResponse.Builder challenge = request.response(401, "Unauthorized");
        authenticator.challenge(stale).forEach(h -> challenge.header(HeaderNames.WWW_AUTHENTICATE, h.toString()));
        request.respond(challenge.build());
    }

    @Override
    public void close() {
        stack.close();
    }
}
