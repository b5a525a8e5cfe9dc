package dev.lifeline.sip.auth;

/** An Authorization header after {@link DigestResponse#parse}: usable fields, or why not. */
sealed interface ParsedCredentials permits DigestResponse, ParsedCredentials.Malformed {

    record Malformed(String reason) implements ParsedCredentials {
    }
}
