package dev.lifeline.gateway.registrar;

import dev.lifeline.gateway.events.Event.RegistrationRejected;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.gateway.registrar.location.LocationStore;
import dev.lifeline.sip.auth.CredentialLookup;
import dev.lifeline.sip.logging.LogLimiter;
import dev.lifeline.sip.auth.DigestAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.InvalidHeaderException;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.InboundMessage;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REGISTER from the wire to its final response in one call: digest authentication (401 with
 * a challenge, 401 stale, a fresh 401 for a replayed answer or one without qop, 403 for
 * credentials that fail, each password guess reported to {@link Guesses}), then the {@link Registrar}'s decision
 * for the authenticated user, made durable in the {@link LocationStore} before the 200 OK is
 * released, then the events. Only a user the credential lookup knows and whose digest proved
 * it ever reaches the store.
 *
 * <p>REGISTERs of one AOR are decided one at a time (see {@link KeyedSequence}). The response
 * stage completes on {@code callbacks}, never on the store's writer thread, whose time is the
 * registration throughput.
 */
public final class RegisterHandler {

    private static final Logger log = LoggerFactory.getLogger(RegisterHandler.class);
    private static final LogLimiter STORE_FAILED = LogLimiter.system();

    /**
     * Told of each REGISTER whose credentials prove a password guess by its sender
     * ({@link Verdict.Rejected#passwordGuess()}); the edge's ban list counts them. Other
     * failures are not reported here: anyone can forge them under any source address.
     */
    @FunctionalInterface
    public interface Guesses {
        void guessed(InetAddress source, String reason);
    }

    private final Registrar registrar;
    private final DigestAuthenticator authenticator;
    private final CredentialLookup users;
    private final LocationStore store;
    private final EventSink events;
    private final InstantSource clock;
    private final Executor callbacks;
    private final Responses responses;
    private final Guesses guesses;
    private final KeyedSequence perAor = new KeyedSequence();

    public RegisterHandler(Registrar registrar, DigestAuthenticator authenticator, CredentialLookup users,
                           LocationStore store, EventSink events, InstantSource clock, RandomGenerator random,
                           Executor callbacks, Guesses guesses) {
        this.guesses = guesses;
        this.registrar = registrar;
        this.authenticator = authenticator;
        this.users = users;
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.callbacks = callbacks;
        this.responses = new Responses(random);
    }

    /** The final response to a REGISTER; {@code in.message()} must be one. */
    public CompletionStage<SipResponse> handle(InboundMessage in) {
        if (!(in.message() instanceof SipRequest request)) {
            throw new IllegalArgumentException("not a REGISTER: " + in.message().startLine());
        }
        return handle(request, Flow.of(in));
    }

    /** The final response to a REGISTER that arrived on {@code source}, e.g. from a stack's {@code ServerRequest}. */
    public CompletionStage<SipResponse> handle(SipRequest request, Flow source) {
        if (!request.isMethod("REGISTER")) {
            throw new IllegalArgumentException("not a REGISTER: " + request.startLine());
        }
        InetAddress client = source.remote().getAddress();
        Optional<AuthHeader> credentials = digest(request);
        if (credentials.isEmpty()) {
            return done(challenge(request, false, client));
        }
        Verdict verdict = authenticator.verify(request.method(), request.requestUri().toString(), null,
                credentials.get(), users, client);
        return switch (verdict) {
            case Verdict.Stale s -> done(challenge(request, true, client));
            case Verdict.Rejected r when r.rechallenge() -> {
                rejected(source, credentials.get(), 401, r.reason());
                yield done(challenge(request, r.stale(), client));
            }
            case Verdict.Rejected r -> {
                if (r.passwordGuess()) {
                    guesses.guessed(client, r.reason());
                }
                yield done(forbidden(request, source, credentials.get(), r.reason()));
            }
            case Verdict.Accepted a -> perAor.run(a.username(), () -> register(request, source, a.username()));
        };
    }

    private CompletionStage<SipResponse> register(SipRequest request, Flow source, String user) {
        Instant now = clock.instant();
        RegistrarDecision d = registrar.handle(new RegisterContext(request, source, user, store.lookup(user, now)), now);
        if (d.changes().isEmpty()) {
            events.acceptAll(d.events());
            return done(d.response());
        }
        return store.apply(d.changes()).handleAsync((ok, failure) -> {
            if (failure == null) {
                events.acceptAll(d.events());
                return d.response();
            }
            return storeFailed(request, source, user, now, unwrap(failure));
        }, callbacks);
    }

    /** §10.3 step 7: a commit that failed fails the request; a full writer queue means overload. */
    private SipResponse storeFailed(SipRequest request, Flow source, String user, Instant now, Throwable failure) {
        // A storm fails every REGISTER the same way (queue full): one line per interval, with the count.
        STORE_FAILED.admit("REGISTER not stored", null).ifPresent(held ->
                log.warn("REGISTER of {} not stored: {}{}", user, failure.toString(), LogLimiter.heldBack(held)));
        boolean overload = failure instanceof RejectedExecutionException;
        int status = overload ? 503 : 500;
        events.accept(new RegistrationRejected(now, user, source.transport(), source.remote(), status,
                "location store: " + failure.getMessage()));
        // A randomised Retry-After spreads the retries of a storm instead of bringing them back together.
        return responses.builder(request, status, overload ? "Service Unavailable" : "Server Internal Error")
                .header(HeaderNames.RETRY_AFTER, Integer.toString(responses.between(5, 15))).build();
    }

    private SipResponse challenge(SipRequest request, boolean stale, InetAddress client) {
        SipResponse.Builder b = responses.builder(request, 401, "Unauthorized");
        for (AuthHeader h : authenticator.challenge(stale, client)) {
            b.header(HeaderNames.WWW_AUTHENTICATE, h.toString());
        }
        return b.build();
    }

    private SipResponse forbidden(SipRequest request, Flow source, AuthHeader credentials, String reason) {
        rejected(source, credentials, 403, reason);
        return responses.plain(request, 403, "Forbidden");
    }

    private void rejected(Flow source, AuthHeader credentials, int status, String reason) {
        String claimed = credentials.param("username").orElse("");
        events.accept(new RegistrationRejected(clock.instant(), claimed, source.transport(), source.remote(), status, reason));
    }

    /** The first Digest Authorization; a malformed header counts as none, so the phone gets a challenge. */
    private static Optional<AuthHeader> digest(SipRequest request) {
        try {
            return request.authorization().stream().filter(AuthHeader::isDigest).findFirst();
        } catch (InvalidHeaderException e) {
            return Optional.empty();
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static CompletionStage<SipResponse> done(SipResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    /** REGISTERs being decided or queued per AOR; for metrics. */
    public int activeAors() {
        return perAor.active();
    }
}
