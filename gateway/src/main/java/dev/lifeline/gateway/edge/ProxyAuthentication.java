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

        /** Wrong credentials; counts toward a ban. */
        record Failed(String claimedUser, String reason) implements Outcome {
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

    public Outcome check(SipRequest request) {
        Optional<AuthHeader> credentials = digest(request);
        if (credentials.isEmpty()) {
            return new Outcome.Missing();
        }
        Verdict verdict = authenticator.verify(request.method(), request.requestUri().toString(), request.body(),
                credentials.get(), users);
        return switch (verdict) {
            case Verdict.Accepted a -> new Outcome.Authenticated(a.username());
            case Verdict.Stale s -> new Outcome.Stale();
            case Verdict.Rejected r -> new Outcome.Failed(credentials.get().param("username").orElse(""), r.reason());
        };
    }

    /** The 407 for {@code request}, one Proxy-Authenticate per offered algorithm. */
    public SipResponse challenge(ServerRequest request, boolean stale) {
        SipResponse.Builder b = request.response(407, "Proxy Authentication Required");
        for (AuthHeader h : authenticator.challenge(stale)) {
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
