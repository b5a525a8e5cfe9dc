package dev.lifeline.drill.lab.provider;

import java.util.Optional;

/** How the provider answers an INVITE from the site to a number. */
public sealed interface CallAnswer {

    /** Rings, then answers 200 with SDP; {@code media} overrides the provider's default mode. */
    record Answer(Optional<MediaMode> media) implements CallAnswer {
    }

    /** Rings forever (until the site cancels). */
    record Ring() implements CallAnswer {
    }

    /** Answers with a final error, e.g. 486 Busy Here, 404 Not Found. */
    record Reject(int status, String reason) implements CallAnswer {
        public Reject {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a rejection needs a status 300..699, got " + status);
            }
        }
    }

    static CallAnswer answer() {
        return new Answer(Optional.empty());
    }

    static CallAnswer answer(MediaMode mode) {
        return new Answer(Optional.of(mode));
    }
}
