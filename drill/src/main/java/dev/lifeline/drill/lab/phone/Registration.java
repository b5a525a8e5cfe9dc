package dev.lifeline.drill.lab.phone;

import java.time.Instant;
import java.util.Optional;

/**
 * A phone's registration as it sees it.
 *
 * @param registered     a 200 was received and its expiry has not passed
 * @param lastRegistered when the last 200 to a REGISTER arrived
 * @param expiresAt      when that registration runs out
 * @param lastStatus     the last final status (0 when the last attempt got no answer)
 * @param attempts       REGISTER transactions started (each answered challenge counts once)
 * @param failures       attempts that did not end in a 200
 * @param lastFailure    the last failure in words
 */
public record Registration(boolean registered, Optional<Instant> lastRegistered, Optional<Instant> expiresAt,
                           int lastStatus, long attempts, long failures, Optional<String> lastFailure) {

    static final Registration NONE = new Registration(false, Optional.empty(), Optional.empty(), 0, 0, 0,
            Optional.empty());
}
