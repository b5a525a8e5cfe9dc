package dev.lifeline.gateway.trunk;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider registrar on 127.0.0.1 UDP: digest with {@link HmacNonceAuthenticator} for user
 * {@code site1}, password {@code trunkpw}; a 200 lists the bound Contacts with their expiry;
 * OPTIONS gets 200. It keeps every request it was sent.
 */
public final class FakeProvider implements AutoCloseable {

    public static final String USER = "site1";
    public static final String PASSWORD = "trunkpw";
    /** T1 50 ms: Timer F fires after 3.2 s. */
    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));

    private static final byte[] SECRET = "a-32-byte-secret-for-the-trunk!!".getBytes(StandardCharsets.US_ASCII);

    public final List<SipRequest> received = new CopyOnWriteArrayList<>();
    private final HmacNonceAuthenticator authenticator = new HmacNonceAuthenticator(
            DigestSettings.of("provider.test", SECRET), Clock.systemUTC(), new SplittableRandom(3261));
    private final SipStack stack;

    private FakeProvider(int port) throws TransportException {
        StackConfig config = StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", port))).withTimers(FAST);
        stack = SipStack.start(config, this::onRequest);
    }

    /** On {@code port}, or an ephemeral one for 0. */
    public static FakeProvider start(int port) throws TransportException {
        return new FakeProvider(port);
    }

    public int port() {
        return stack.listenPoints().get(0).address().getPort();
    }

    /** The REGISTERs that carried credentials, i.e. the ones that counted. */
    public List<SipRequest> authorizedRegisters() {
        return received.stream().filter(r -> r.isMethod("REGISTER") && !r.authorization().isEmpty()).toList();
    }

    private void onRequest(ServerRequest request) {
        received.add(request.request());
        switch (request.method()) {
            case "REGISTER" -> register(request);
            case "OPTIONS" -> request.respond(200, "OK");
            default -> request.respond(405, "Method Not Allowed");
        }
    }

    private void register(ServerRequest request) {
        List<AuthHeader> credentials = request.request().authorization();
        Verdict verdict = credentials.isEmpty() ? new Verdict.Rejected("no credentials") : authenticator.verify("REGISTER",
                request.request().requestUri().toString(), credentials.get(0),
                user -> user.equals(USER) ? Optional.of(Credential.password(PASSWORD)) : Optional.empty());
        switch (verdict) {
            case Verdict.Accepted a -> accept(request);
            case Verdict.Stale s -> challenge(request, true);
            case Verdict.Rejected r -> challenge(request, false);
        }
    }

    private static void accept(ServerRequest request) {
        SipRequest register = request.request();
        int expires = register.expires().orElse(3600);
        SipResponse.Builder ok = request.response(200, "OK");
        for (Contact c : register.contacts()) {
            int granted = c.expires().orElse(expires);
            if (granted > 0) {
                ok.contact(c.withExpires(granted));
            }
        }
        request.respond(ok.build());
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
