package dev.lifeline.sip.auth;

import java.util.Optional;

/**
 * Finds the credential configured for a user, e.g. an extension number. Empty means the user
 * does not exist. Called only after the request has passed the cheap checks (realm, nonce,
 * algorithm), so a flood of garbage does not reach the configuration store.
 */
@FunctionalInterface
public interface CredentialLookup {
    Optional<Credential> find(String username);
}
