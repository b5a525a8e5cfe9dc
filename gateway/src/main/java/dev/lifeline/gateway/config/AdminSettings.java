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
 * @param allowRemote the operator's explicit consent to bind a non-loopback address, written
 *     {@code allowRemote: plaintext}: the API exposes who is registered where and has no TLS, so
 *     reaching it from the network must be a decision taken knowing that
 * @param metricsPublic whether {@code GET /metrics} answers without the token (for a Prometheus
 *     that cannot send one); every other endpoint still requires it. Off by default
 * @param faultInjection whether the API may inject faults for a site drill ({@code /api/faults}:
 *     cut a WAN path, lose a share of one call's media, each with a deadline). Off by default
 */
public record AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile, boolean allowRemote,
                            boolean metricsPublic, boolean faultInjection) {

    /** Shorter tokens are refused: the API answers as fast as it is asked, so a short one can be guessed. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public AdminSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
    }

    /** Without fault injection (the default). */
    public AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile, boolean allowRemote,
                         boolean metricsPublic) {
        this(listen, token, tokenFile, allowRemote, metricsPublic, false);
    }

    public AdminSettings withFaultInjection(boolean value) {
        return new AdminSettings(listen, token, tokenFile, allowRemote, metricsPublic, value);
    }

    /** {@code /metrics} behind the token (the default). */
    public AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile, boolean allowRemote) {
        this(listen, token, tokenFile, allowRemote, false);
    }

    /** Loopback only (the default). */
    public AdminSettings(HostPort listen, Optional<Secret> token, Optional<Path> tokenFile) {
        this(listen, token, tokenFile, false, false);
    }
}
