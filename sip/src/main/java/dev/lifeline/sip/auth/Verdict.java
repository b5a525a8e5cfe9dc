package dev.lifeline.sip.auth;

/** The outcome of checking a request's digest credentials. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Stale, Verdict.Rejected {

    /** The credentials prove knowledge of the user's secret for this request. */
    record Accepted(String username) implements Verdict {
    }

    /**
     * The response was right but the nonce has expired (or was forgotten under load): answer
     * 401/407 with {@code stale=true} so the phone retries with a fresh nonce and the same
     * credentials, without prompting anyone or counting as a failed attempt.
     */
    record Stale(String username) implements Verdict {
    }

    /**
     * The credentials do not authenticate. The reason is for the gateway's log and event
     * stream (never for the wire): it names what went wrong, never a secret.
     */
    record Rejected(String reason) implements Verdict {
    }
}
