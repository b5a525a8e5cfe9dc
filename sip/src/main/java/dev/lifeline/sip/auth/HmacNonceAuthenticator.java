package dev.lifeline.sip.auth;

import dev.lifeline.sip.auth.Verdict.Accepted;
import dev.lifeline.sip.auth.Verdict.Rejected;
import dev.lifeline.sip.auth.Verdict.Rejected.Kind;
import dev.lifeline.sip.auth.Verdict.Stale;
import dev.lifeline.sip.message.AuthHeader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A {@link DigestAuthenticator} whose nonces are signed timestamps ({@link HmacNonces}): a
 * forged or altered nonce is refused without any lookup, an old one is answered as stale
 * (RFC 7616 §3.3), and the only state kept is the bounded nonce-count window that stops
 * replays: every accepted answer, whatever its method, must carry a nonce count above the
 * last one accepted for its nonce. Answers without qop (RFC 2617) have no count and could be
 * replayed; they are refused with a fresh challenge unless {@link DigestSettings#allowNoQop()},
 * and even then each nonce serves one of them only.
 *
 * <p>A wrong answer is a {@link Rejected.Kind#GUESS} only when its nonce is live and was
 * issued to the address the answer came from; anything else proves nothing about who sent it.
 *
 * <p>Checks run cheapest first — form, realm, algorithm, uri, nonce signature — so garbage is
 * turned away before the credential store is asked or a hash is computed.
 */
public final class HmacNonceAuthenticator implements DigestAuthenticator {

    private final DigestSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final HmacNonces nonces;
    private final NonceCounts counts;
    private final Optional<String> opaque;

    public HmacNonceAuthenticator(DigestSettings settings, InstantSource clock, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.nonces = new HmacNonces(settings.secret(), settings.realm());
        this.counts = new NonceCounts(settings.trackedNonces());
        this.opaque = settings.opaque() ? Optional.of(nonces.opaque()) : Optional.empty();
    }

    @Override
    public List<AuthHeader> challenge(boolean stale, InetAddress client) {
        // One nonce for all the offered algorithms: the client answers only one of them.
        String nonce = nextNonce(client);
        List<AuthHeader> challenges = new ArrayList<>();
        for (DigestAlgorithm algorithm : settings.algorithms()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("realm", settings.realm());
            params.put("nonce", nonce);
            opaque.ifPresent(value -> params.put("opaque", value));
            params.put("algorithm", algorithm.wireName());
            params.put("qop", Qop.AUTH.wireName());
            if (stale) {
                params.put("stale", "true");
            }
            challenges.add(new AuthHeader("Digest", params));
        }
        return List.copyOf(challenges);
    }

    @Override
    public Verdict verify(String method, String requestUri, byte[] body, AuthHeader credentials, CredentialLookup lookup,
                          InetAddress client) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(lookup, "lookup");
        return switch (DigestResponse.parse(credentials)) {
            case ParsedCredentials.Malformed malformed -> new Rejected(malformed.reason());
            case DigestResponse response -> verify(response, method, requestUri, body, lookup, client);
        };
    }

    private Verdict verify(DigestResponse r, String method, String requestUri, byte[] body, CredentialLookup lookup,
                           InetAddress client) {
        Optional<String> problem = requestProblem(r, requestUri, body);
        if (problem.isPresent()) {
            return new Rejected(problem.get());
        }
        Optional<Instant> issuedAt = nonces.issuedAt(r.nonce());
        if (issuedAt.isEmpty()) {
            return new Rejected("nonce not issued by this gateway");
        }
        if (r.qop() == Qop.NONE && !settings.allowNoQop()) {
            return new Rejected("answer without qop (RFC 2617 form); qop=auth is required", Kind.NO_QOP);
        }
        return checkResponse(r, method, body, issuedAt.get(), lookup, client);
    }

    /** What makes the header unusable before any secret is involved. */
    private Optional<String> requestProblem(DigestResponse r, String requestUri, byte[] body) {
        if (!r.realm().equals(settings.realm())) {
            return Optional.of("realm mismatch (credentials for \"" + Printable.of(r.realm())
                    + "\", this gateway is \"" + settings.realm() + "\")");
        }
        if (!settings.algorithms().contains(r.algorithm())) {
            return Optional.of("unsupported algorithm " + r.algorithm() + " (offered: "
                    + String.join(", ", settings.algorithms().stream().map(DigestAlgorithm::wireName).toList()) + ")");
        }
        if (r.userhash()) {
            return Optional.of("userhash not offered by this gateway");
        }
        if (opaque.isPresent() && !opaque.equals(r.opaque())) {
            return Optional.of("opaque mismatch (the client must echo the challenge's opaque)");
        }
        if (!r.uri().equals(requestUri)) {
            // RFC 3261 §22.4: the uri must be the Request-URI, or the answer was made for another request.
            return Optional.of("uri mismatch (uri=\"" + Printable.of(r.uri()) + "\", Request-URI " + Printable.of(requestUri) + ")");
        }
        if (r.qop() == Qop.AUTH_INT && body == null) {
            return Optional.of("qop=auth-int needs the message body");
        }
        return Optional.empty();
    }

    private Verdict checkResponse(DigestResponse r, String method, byte[] body, Instant issuedAt, CredentialLookup lookup,
                                  InetAddress client) {
        String user = Printable.of(r.username());
        Instant now = clock.instant();
        Optional<Credential> credential = lookup.find(r.username());
        if (credential.isEmpty()) {
            // Probing for extensions is guessing too: a valid nonce answered for a made-up user counts.
            return failed("unknown user " + user, r, issuedAt, now, client);
        }
        Optional<String> ha1 = credential.get().ha1(r.username(), settings.realm(), r.algorithm());
        if (ha1.isEmpty()) {
            DigestAlgorithm hash = r.algorithm().base();
            return new Rejected("no " + hash + " HA1 stored for " + user + " (store its password or a " + hash + " HA1)");
        }
        String expected = r.inputs(method, body).response(r.algorithm(), ha1.get());
        if (!MessageDigest.isEqual(ascii(expected), ascii(r.response().toLowerCase(Locale.ROOT)))) {
            return failed("wrong password for " + user + " (response mismatch)", r, issuedAt, now, client);
        }
        return freshness(r, issuedAt, now);
    }

    /** A wrong answer: a guess, or (saying why not) a failure that proves nothing about its sender. */
    private Rejected failed(String reason, DigestResponse r, Instant issuedAt, Instant now, InetAddress client) {
        return notAGuess(r, issuedAt, now, client)
                .map(why -> new Rejected(reason + "; not counted: " + why, Kind.UNUSABLE))
                .orElseGet(() -> new Rejected(reason, Kind.GUESS));
    }

    /**
     * Why a wrong answer proves no guess by the sender, or empty when it does: an expired nonce
     * could be any old capture, and a nonce issued to another address was never seen by a
     * sender at this one unless it forged its source (blind spoofing, which must not ban the
     * address it forged).
     */
    private Optional<String> notAGuess(DigestResponse r, Instant issuedAt, Instant now, InetAddress client) {
        if (expired(issuedAt, now)) {
            return Optional.of("nonce expired");
        }
        if (!nonces.issuedTo(r.nonce(), addressBytes(client))) {
            return Optional.of("nonce issued to another address");
        }
        return Optional.empty();
    }

    /** Only a proven answer gets here, so only real clients can fill the nonce-count window. */
    private Verdict freshness(DigestResponse r, Instant issuedAt, Instant now) {
        if (expired(issuedAt, now)) {
            return new Stale(r.username());
        }
        // An answer without qop has no count: recording it as count 0 makes its nonce single-use.
        long count = r.qop() == Qop.NONE ? 0 : r.count();
        return switch (counts.advance(r.nonce(), issuedAt, count, now.minus(settings.nonceLifetime()))) {
            case ADVANCED -> new Accepted(r.username());
            case FORGOTTEN -> new Stale(r.username());
            case REPLAYED -> new Rejected(r.qop() == Qop.NONE
                    ? "nonce reused without qop (each nonce serves one such answer)"
                    : "nonce count replayed (nc=" + r.nc() + " already seen)", Kind.REPLAYED);
        };
    }

    private boolean expired(Instant issuedAt, Instant now) {
        // A nonce "from the future" means the clock stepped back: re-challenge rather than trust it for longer.
        return now.isAfter(issuedAt.plus(settings.nonceLifetime())) || issuedAt.isAfter(now.plus(settings.nonceLifetime()));
    }

    private String nextNonce(InetAddress client) {
        Instant now = clock.instant();
        // RandomGenerator implementations need not be thread-safe; challenges come from many threads.
        synchronized (random) {
            return nonces.issue(now, random, addressBytes(client));
        }
    }

    private static byte[] addressBytes(InetAddress client) {
        return client == null ? new byte[0] : client.getAddress();
    }

    /** How many nonces currently have their nonce count remembered; for metrics. */
    public int trackedNonces() {
        return counts.size();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HmacNonceAuthenticator[" + settings + "]";
    }
}
