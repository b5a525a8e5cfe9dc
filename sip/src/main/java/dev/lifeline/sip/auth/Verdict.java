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
     * stream (never for the wire): it names what went wrong, never a secret. The kind says
     * what the failure proves and how to answer it.
     */
    record Rejected(String reason, Kind kind) implements Verdict {

        /** What a rejection proves, which decides the answer and whether it counts toward a ban. */
        public enum Kind {
            /**
             * Unusable credentials that prove nothing about a password: bad form, another realm,
             * a nonce this server never issued, an expired one, or one issued to another address.
             * Anyone can send these under any source address, so they never count toward a ban.
             * Answer 403.
             */
            UNUSABLE,
            /**
             * A live nonce, issued to the address the answer came from, answered wrongly (or for
             * a user that does not exist): an online password guess by whoever received the
             * challenge. Answer 403; counts toward a ban of that address.
             */
            GUESS,
            /**
             * A right answer whose nonce count was already used: a copy of an earlier request.
             * Answer a fresh challenge with stale=true (a real client whose requests crossed
             * simply retries); the copy itself is never accepted.
             */
            REPLAYED,
            /**
             * An RFC 2617 answer without qop while qop is required: it is not checked and it
             * cannot be protected against replay. Answer a fresh challenge (not stale).
             */
            NO_QOP
        }

        public Rejected {
            java.util.Objects.requireNonNull(reason, "reason");
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** A rejection that proves nothing ({@link Kind#UNUSABLE}). */
        public Rejected(String reason) {
            this(reason, Kind.UNUSABLE);
        }

        /** True when this failure is a password guess that counts toward a ban. */
        public boolean passwordGuess() {
            return kind == Kind.GUESS;
        }

        /** True when the answer should be a new challenge rather than 403. */
        public boolean rechallenge() {
            return kind == Kind.REPLAYED || kind == Kind.NO_QOP;
        }

        /** The stale flag of that new challenge. */
        public boolean stale() {
            return kind == Kind.REPLAYED;
        }
    }
}
