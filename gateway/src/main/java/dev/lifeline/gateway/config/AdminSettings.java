package dev.lifeline.gateway.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin HTTP API. With neither a token nor a token file, the gateway generates a token
 * into {@code admin.token} in the storage directory.
 *
 * @param token the token itself (prints as ***)
 * @param tokenFile a file holding the token, so the YAML can be shared without it
 * @param allowRemote the operator's explicit consent to bind a non-loopback address: the API
 *     exposes who is registered where, so reaching it from the network must be a decision
 */
public record AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile, boolean allowRemote) {

    public AdminSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** Loopback only (the default). */
    public AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile) {
        this(listen, token, tokenFile, false);
    }
}
