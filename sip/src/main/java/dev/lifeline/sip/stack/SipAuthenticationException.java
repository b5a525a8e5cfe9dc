package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.SipResponse;
import java.util.Objects;

/**
 * A 401 or 407 challenge that the account's credentials cannot answer (unsupported algorithm
 * or qop, no realm, no HA1 for the realm). A challenge that is answered and then refused is
 * not this: the caller gets that second 401/407 as the final response.
 */
public final class SipAuthenticationException extends Exception {

    private final transient SipResponse challenge;

    public SipAuthenticationException(String message, SipResponse challenge) {
        super(message);
        this.challenge = Objects.requireNonNull(challenge, "challenge");
    }

    /** The 401 or 407 that could not be answered. */
    public SipResponse challenge() {
        return challenge;
    }
}
