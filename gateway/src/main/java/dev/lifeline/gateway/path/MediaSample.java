package dev.lifeline.gateway.path;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the live calls' provider-side media on one path shows at one instant: the media watch's
 * view of the path. Calls are a free 50 packets-a-second probe that needs nothing from the
 * provider.
 *
 * @param watched      provider-side legs on the path that should be receiving now: the call is
 *                     answered, the provider's last SDP says it sends (sendrecv or sendonly, not
 *                     a hold address), the leg has already received on this path, and its last
 *                     packet was not comfort noise (a quiet far end may send nothing for a while)
 * @param lastHeard    the latest RTP arrival over those legs
 * @param phonesLastHeard the latest RTP arrival from the phones' side of those same calls
 */
public record MediaSample(int watched, Optional<Instant> lastHeard, Optional<Instant> phonesLastHeard) {

    /** No call to watch. */
    public static final MediaSample NONE = new MediaSample(0, Optional.empty(), Optional.empty());

    public MediaSample {
        Objects.requireNonNull(lastHeard, "lastHeard");
        Objects.requireNonNull(phonesLastHeard, "phonesLastHeard");
        if (watched < 0) {
            throw new IllegalArgumentException("watched legs cannot be negative, was " + watched);
        }
    }

    /**
     * Every watched leg has been silent for at least {@code silence} while the phones' side sent
     * within it: the provider's audio stopped though ours did not, which is what a dead path
     * looks like from the media (and not what a call where both sides fell quiet looks like).
     */
    public boolean silent(Instant now, Duration silence) {
        if (watched == 0 || lastHeard.isEmpty() || phonesLastHeard.isEmpty()) {
            return false;
        }
        return !Duration.between(lastHeard.get(), now).minus(silence).isNegative()
                && Duration.between(phonesLastHeard.get(), now).compareTo(silence) < 0;
    }

    /** Whether provider media arrived on the path after {@code instant}. */
    public boolean heardAfter(Instant instant) {
        return lastHeard.filter(t -> t.isAfter(instant)).isPresent();
    }
}
