package dev.lifeline.sip.auth;

import dev.lifeline.sip.message.AuthHeader;
import java.util.List;

/**
 * The server side of digest authentication: challenges requests and checks the credentials
 * that come back (RFC 3261 §22.1–§22.4). Safe to share between threads.
 */
public interface DigestAuthenticator {

    /**
     * WWW-Authenticate (or Proxy-Authenticate) values for a 401 (407), one per offered
     * algorithm, most preferred first (RFC 8760 §2.4).
     *
     * @param stale true when answering a {@link Verdict.Stale}: the client should retry with
     *              the new nonce without asking the user again
     */
    List<AuthHeader> challenge(boolean stale);

    /**
     * Checks credentials from an Authorization (or Proxy-Authorization) header.
     *
     * @param method      the request's method
     * @param requestUri  the request's Request-URI as received
     * @param body        the request's body, or null when the caller does not have it; a
     *                    client that chose {@code qop=auth-int} is then rejected
     * @param credentials the parsed header value; any content is handled, nothing is thrown
     * @param lookup      finds the credential of the user the header names
     */
    Verdict verify(String method, String requestUri, byte[] body, AuthHeader credentials, CredentialLookup lookup);

    /** {@link #verify(String, String, byte[], AuthHeader, CredentialLookup)} without the body. */
    default Verdict verify(String method, String requestUri, AuthHeader credentials, CredentialLookup lookup) {
        return verify(method, requestUri, null, credentials, lookup);
    }
}
