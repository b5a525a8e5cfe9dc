package dev.lifeline.sip.auth;

import dev.lifeline.sip.message.AuthHeader;
import java.net.InetAddress;
import java.util.List;

/**
 * The server side of digest authentication: challenges requests and checks the credentials
 * that come back (RFC 3261 §22.1–§22.4). Safe to share between threads.
 *
 * <p>The forms with a {@code client} address bind each nonce to the address its challenge was
 * sent to, so that a wrong answer counts as a password guess ({@link Verdict.Rejected.Kind#GUESS})
 * only when it comes from that address: nobody can get another address banned by forging
 * answers under it. A server that bans nobody may use the forms without an address.
 */
public interface DigestAuthenticator {

    /**
     * WWW-Authenticate (or Proxy-Authenticate) values for a 401 (407), one per offered
     * algorithm, most preferred first (RFC 8760 §2.4).
     *
     * @param stale  true when answering a {@link Verdict.Stale}: the client should retry with
     *               the new nonce without asking the user again
     * @param client the address the challenge is sent to; null when not known
     */
    List<AuthHeader> challenge(boolean stale, InetAddress client);

    /** {@link #challenge(boolean, InetAddress)} bound to no address. */
    default List<AuthHeader> challenge(boolean stale) {
        return challenge(stale, null);
    }

    /**
     * Checks credentials from an Authorization (or Proxy-Authorization) header.
     *
     * @param method      the request's method
     * @param requestUri  the request's Request-URI as received
     * @param body        the request's body, or null when the caller does not have it; a
     *                    client that chose {@code qop=auth-int} is then rejected
     * @param credentials the parsed header value; any content is handled, nothing is thrown
     * @param lookup      finds the credential of the user the header names
     * @param client      the address the request came from; null when not known
     */
    Verdict verify(String method, String requestUri, byte[] body, AuthHeader credentials, CredentialLookup lookup,
                   InetAddress client);

    /** {@link #verify(String, String, byte[], AuthHeader, CredentialLookup, InetAddress)} from an unknown address. */
    default Verdict verify(String method, String requestUri, byte[] body, AuthHeader credentials, CredentialLookup lookup) {
        return verify(method, requestUri, body, credentials, lookup, null);
    }

    /** {@link #verify(String, String, byte[], AuthHeader, CredentialLookup)} without the body. */
    default Verdict verify(String method, String requestUri, AuthHeader credentials, CredentialLookup lookup) {
        return verify(method, requestUri, null, credentials, lookup, null);
    }
}
