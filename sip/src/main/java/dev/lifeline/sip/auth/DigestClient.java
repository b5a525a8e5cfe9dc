package dev.lifeline.sip.auth;

import dev.lifeline.sip.message.AuthHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of digest authentication: answers a provider's 401 WWW-Authenticate or
 * 407 Proxy-Authenticate challenges for one account (RFC 3261 §22.2–§22.3). It picks the
 * strongest algorithm offered that it can answer (RFC 8760 §2.4), prefers qop {@code auth}
 * over {@code auth-int}, falls back to the RFC 2617 form when no qop is offered, echoes
 * {@code opaque}, and counts {@code nc} per nonce so requests reusing a nonce go up by one.
 *
 * <p>{@code stale=true} needs no special path: the new nonce simply starts again at nc=1.
 * The caller decides whether to retry: after answering, a new challenge with stale=true is
 * worth answering again; one without it means the account's credentials were refused.
 *
 * <p>Safe to share between threads; holds the account's secret and never prints it.
 */
public final class DigestClient {

    /** Nonces whose count is remembered; a trunk uses one or two at a time. */
    private static final int REMEMBERED_NONCES = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final String username;
    private final Credential credential;
    private final RandomGenerator random;
    private final Map<String, Long> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_NONCES;
        }
    };

    /**
     * @param username   the account's user name
     * @param credential its password, or HA1 values (which then only work in the realm they were made for)
     * @param random     the cnonce source; production passes a {@link java.security.SecureRandom}
     */
    public DigestClient(String username, Credential credential, RandomGenerator random) {
        this.username = Objects.requireNonNull(username, "username");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.random = Objects.requireNonNull(random, "random");
    }

    public static DigestClient withPassword(String username, String password, RandomGenerator random) {
        return new DigestClient(username, Credential.password(password), random);
    }

    /** What {@link #answer} produced. */
    public sealed interface Answer permits Answer.Authorization, Answer.Unanswerable {

        /** The Authorization (for a 401) or Proxy-Authorization (for a 407) header value. */
        record Authorization(AuthHeader header, DigestAlgorithm algorithm) implements Answer {
        }

        /** No offered challenge could be answered; the reason names each one's problem. */
        record Unanswerable(String reason) implements Answer {
        }
    }

    /** True when a challenge says the last answer was right but its nonce had expired. */
    public static boolean isStale(AuthHeader challenge) {
        return challenge.param("stale").filter("true"::equalsIgnoreCase).isPresent();
    }

    /** {@link #answer(List, String, String, byte[])} for a request without a body (e.g. REGISTER). */
    public Answer answer(List<AuthHeader> challenges, String method, String requestUri) {
        return answer(challenges, method, requestUri, null);
    }

    /**
     * Answers the strongest answerable challenge; between a hash and its -sess variant the
     * server's order decides.
     *
     * @param challenges every WWW-Authenticate (or every Proxy-Authenticate) value of the response
     * @param body       the request's body, needed only when a challenge offers nothing but auth-int
     */
    public Answer answer(List<AuthHeader> challenges, String method, String requestUri, byte[] body) {
        List<String> problems = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (AuthHeader challenge : challenges) {
            String problem = problem(challenge, body);
            if (problem == null) {
                candidates.add(candidate(challenge, body));
            } else {
                problems.add(problem);
            }
        }
        return candidates.stream()
                .max(Comparator.comparing((Candidate c) -> c.algorithm().base()))
                .<Answer>map(best -> authorize(best, method, requestUri, body))
                .orElseGet(() -> new Answer.Unanswerable(problems.isEmpty() ? "no challenge" : String.join("; ", problems)));
    }

    private record Candidate(AuthHeader challenge, DigestAlgorithm algorithm, Qop qop, String realm, String nonce) {
    }

    /** Only for a challenge {@link #problem} found nothing wrong with. */
    private static Candidate candidate(AuthHeader challenge, byte[] body) {
        return new Candidate(challenge, algorithmOf(challenge).orElseThrow(), qopOf(challenge, body).orElseThrow(),
                challenge.param("realm").orElseThrow(), challenge.param("nonce").orElseThrow());
    }

    /** Why a challenge cannot be answered, or null when it can. */
    private static String problem(AuthHeader challenge, byte[] body) {
        if (!challenge.isDigest()) {
            return "scheme " + Printable.of(challenge.scheme()) + " is not Digest";
        }
        if (challenge.param("realm").isEmpty() || challenge.param("nonce").isEmpty()) {
            return "challenge without realm or nonce";
        }
        if (algorithmOf(challenge).isEmpty()) {
            return "unsupported algorithm " + Printable.of(challenge.param("algorithm").orElseThrow());
        }
        if (qopOf(challenge, body).isEmpty()) {
            List<Qop> offered = qopOptions(challenge.param("qop").orElseThrow());
            return "no usable qop in " + Printable.of(challenge.param("qop").orElseThrow())
                    + (offered.contains(Qop.AUTH_INT) ? " (auth-int needs the body)" : "");
        }
        return null;
    }

    private static Optional<DigestAlgorithm> algorithmOf(AuthHeader challenge) {
        return DigestAlgorithm.fromWireName(challenge.param("algorithm").orElse(DigestAlgorithm.MD5.wireName()));
    }

    /** auth if offered, else auth-int if we have the body; NONE when the server predates qop. */
    private static Optional<Qop> qopOf(AuthHeader challenge, byte[] body) {
        Optional<String> offered = challenge.param("qop");
        if (offered.isEmpty()) {
            return Optional.of(Qop.NONE);
        }
        List<Qop> options = qopOptions(offered.get());
        if (options.contains(Qop.AUTH)) {
            return Optional.of(Qop.AUTH);
        }
        return options.contains(Qop.AUTH_INT) && body != null ? Optional.of(Qop.AUTH_INT) : Optional.empty();
    }

    /** The qop values we know in a challenge's list, e.g. "auth,auth-int". */
    private static List<Qop> qopOptions(String list) {
        List<Qop> options = new ArrayList<>();
        for (String option : list.split(",")) {
            Qop.fromWireName(option.trim()).ifPresent(options::add);
        }
        return options;
    }

    private Answer authorize(Candidate c, String method, String requestUri, byte[] body) {
        Optional<String> ha1 = credential.ha1(username, c.realm(), c.algorithm());
        if (ha1.isEmpty()) {
            return new Answer.Unanswerable("no " + c.algorithm().base() + " HA1 configured for " + Printable.of(username));
        }
        // RFC 2617 forbids cnonce without qop, but the -sess HA1 cannot be formed without one.
        boolean needsCnonce = c.qop() != Qop.NONE || c.algorithm().isSession();
        String cnonce = needsCnonce ? cnonce() : null;
        String nc = c.qop() == Qop.NONE ? null : "%08x".formatted(nextCount(c.nonce()));
        DigestInputs inputs = new DigestInputs(c.nonce(), cnonce, nc, c.qop(), method, requestUri, body);
        return new Answer.Authorization(header(c, inputs, ha1.get()), c.algorithm());
    }

    private AuthHeader header(Candidate c, DigestInputs inputs, String ha1) {
        boolean userhash = c.challenge().param("userhash").filter("true"::equalsIgnoreCase).isPresent();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("username", userhash ? c.algorithm().userhash(username, c.realm()) : username);
        params.put("realm", c.realm());
        params.put("nonce", c.nonce());
        params.put("uri", inputs.uri());
        params.put("response", inputs.response(c.algorithm(), ha1));
        // Echo algorithm only when the server named it: some RFC 2617 servers choke on it.
        c.challenge().param("algorithm").ifPresent(a -> params.put("algorithm", c.algorithm().wireName()));
        if (inputs.cnonce() != null) {
            params.put("cnonce", inputs.cnonce());
        }
        c.challenge().param("opaque").ifPresent(o -> params.put("opaque", o));
        if (c.qop() != Qop.NONE) {
            params.put("qop", c.qop().wireName());
            params.put("nc", inputs.nc());
        }
        if (userhash) {
            params.put("userhash", "true");
        }
        return new AuthHeader("Digest", params);
    }

    private String cnonce() {
        byte[] bytes = new byte[16];
        synchronized (random) {
            random.nextBytes(bytes);
        }
        return HEX.formatHex(bytes);
    }

    private synchronized long nextCount(String nonce) {
        return counts.merge(nonce, 1L, Long::sum);
    }

    @Override
    public String toString() {
        return "DigestClient[" + username + ", " + credential + "]";
    }
}
