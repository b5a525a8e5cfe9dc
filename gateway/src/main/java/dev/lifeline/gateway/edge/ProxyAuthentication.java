package dev.lifeline.gateway.edge;

import dev.lifeline.sip.auth.CredentialLookup;
import dev.lifeline.sip.auth.DigestAuthenticator;
import dev.lifeline.sip.auth.Verdict;
import dev.lifeline.sip.message.AuthHeader;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.InvalidHeaderException;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Digest authentication of a phone's non-REGISTER requests the way a proxy does it
 * (RFC 3261 §22.3): 407 with Proxy-Authenticate, credentials back in Proxy-Authorization. Phones
 * answer a 407 to an INVITE with their account's credentials, which is what lets the gateway
 * know which extension is calling.
 */
public final class ProxyAuthentication {

    /** What the credentials of a request prove. */
    public sealed interface Outcome {

        /** No credentials (or none readable): challenge. */
        record Missing() implements Outcome {
        }

        /** Right answer to an expired nonce: challenge again with stale=true; not a failure. */
        record Stale() implements Outcome {
        }

        /**
         * Credentials that cannot be accepted as sent but may be retried on a fresh challenge:
         * a replayed answer (stale=true) or one without qop. Not a failure of the password.
         */
        record Rechallenge(String claimedUser, String reason, boolean stale) implements Outcome {
        }

        /**
         * Wrong credentials: 403. Counts toward a ban only when {@code guess}: the answer was to
         * a live nonce this gateway sent to the request's source address.
         */
        record Failed(String claimedUser, String reason, boolean guess) implements Outcome {
        }

        record Authenticated(String user) implements Outcome {
        }
    }

    private final DigestAuthenticator authenticator;
    private final CredentialLookup users;

    public ProxyAuthentication(DigestAuthenticator authenticator, CredentialLookup users) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.users = Objects.requireNonNull(users, "users");
    }

    /** @param client the address the request came from */
    public Outcome check(SipRequest request, InetAddress client) {
        Optional<AuthHeader> credentials = digest(request);
        if (credentials.isEmpty()) {
            return new Outcome.Missing();
        }
        Verdict verdict = authenticator.verify(request.method(), request.requestUri().toString(), request.body(),
                credentials.get(), users, client);
        String claimed = credentials.get().param("username").orElse("");
        return switch (verdict) {
            case Verdict.Accepted a -> new Outcome.Authenticated(a.username());
            case Verdict.Stale s -> new Outcome.Stale();
            case Verdict.Rejected r when r.rechallenge() -> new Outcome.Rechallenge(claimed, r.reason(), r.stale());
            case Verdict.Rejected r -> new Outcome.Failed(claimed, r.reason(), r.passwordGuess());
        };
    }

    /** The 407 for {@code request}, one Proxy-Authenticate per offered algorithm, its nonce bound to the request's source. */
    public SipResponse challenge(ServerRequest request, boolean stale) {
        SipResponse.Builder b = request.response(407, "Proxy Authentication Required");
        for (AuthHeader h : authenticator.challenge(stale, request.source().remote().getAddress())) {
            b.header(HeaderNames.PROXY_AUTHENTICATE, h.toString());
        }
        return b.build();
    }

    /** The first Digest Proxy-Authorization; a malformed header counts as none, so the phone is challenged. */
    private static Optional<AuthHeader> digest(SipRequest request) {
        try {
            return request.proxyAuthorization().stream().filter(AuthHeader::isDigest).findFirst();
        } catch (InvalidHeaderException e) {
            return Optional.empty();
        }
    }
}
