package dev.lifeline.drill.run;

import dev.lifeline.media.jitter.PlayoutInterval;
import dev.lifeline.media.quality.PlayoutQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One call a drill placed or had delivered, as the lab saw it.
 *
 * @param kind        outbound (a phone dialled), inbound (the provider called a DID) or emergency
 * @param to          the number dialled, or the DID
 * @param started     when the INVITE left
 * @param planned     how long the drill meant to keep it up once answered
 * @param setup       INVITE to answer; empty when not answered
 * @param talk        answer to the end of the call, whoever ended it; empty when not answered
 *                    or when its end was not seen
 * @param failedAfter INVITE to the final failure; empty when answered
 * @param failure     the final status and reason the caller got, e.g. "503 Service Unavailable (every WAN path is down)"
 * @param dropped     answered, then ended by the far side or the network before the drill hung up
 * @param mos         MOS-CQE of what the phone heard (its own E-model rating); empty when not measured
 * @param audioGap    the longest stretch the phone heard no audio; empty when not measured
 * @param oneWay      answered, but one side received no audio at all
 * @param callerId    for inbound calls: what the phone was shown as the caller
 * @param expectedCallerId for inbound calls: what the site's rules say it should show
 * @param playout     what the phone's jitter buffer played, per interval from the answer on (empty when not measured)
 * @param hangupLost  the provider hung up and the phone never heard it
 * @param quality     the phone's own rating of what it heard
 */
record CallOutcome(Kind kind, String to, Instant started, Duration planned, Optional<Duration> setup,
                   Optional<Duration> talk, Optional<Duration> failedAfter, Optional<String> failure, boolean dropped,
                   Optional<Double> mos, Optional<Duration> audioGap, boolean oneWay, Optional<String> callerId,
                   String expectedCallerId, List<PlayoutInterval> playout, boolean hangupLost,
                   Optional<PlayoutQuality> quality) {

    CallOutcome {
        playout = List.copyOf(playout);
    }

    enum Kind { OUTBOUND, INBOUND, EMERGENCY }

    /** A call that never connected. */
    static CallOutcome failed(Kind kind, String to, Instant started, Duration planned, Duration after, String why) {
        return new CallOutcome(kind, to, started, planned, Optional.empty(), Optional.empty(), Optional.of(after),
                Optional.of(why), false, Optional.empty(), Optional.empty(), false, Optional.empty(), "", List.of(),
                false, Optional.empty());
    }

    boolean answered() {
        return setup.isPresent();
    }

    /** When it was answered; empty when it was not. */
    Optional<Instant> answeredAt() {
        return setup.map(started::plus);
    }

    /** When it ended; empty when it was not answered or its end was not seen. */
    Optional<Instant> endedAt() {
        return answeredAt().flatMap(a -> talk.map(a::plus));
    }

    /** When it would have ended had nothing cut it short; empty when it was not answered. */
    Optional<Instant> plannedEnd() {
        return answeredAt().map(a -> a.plus(planned));
    }

    /** Up across {@code t}: answered before it and not ended before it (as far as its end was seen). */
    boolean spans(Instant t) {
        return answeredAt().filter(a -> a.isBefore(t)).isPresent() && endedAt().filter(e -> e.isBefore(t)).isEmpty();
    }
}
