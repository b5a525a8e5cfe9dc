package dev.lifeline.drill.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One call a drill placed or had delivered, as the lab saw it.
 *
 * @param kind        outbound (a phone dialled), inbound (the provider called a DID) or emergency
 * @param to          the number dialled, or the DID
 * @param started     when the INVITE left
 * @param setup       INVITE to answer; empty when not answered
 * @param failedAfter INVITE to the final failure; empty when answered
 * @param failure     the final status and reason the caller got, e.g. "503 Service Unavailable (every WAN path is down)"
 * @param dropped     answered, then ended by the far side or the network before the drill hung up
 * @param mos         E-model MOS of what the phone heard; empty when not measured
 * @param audioGap    the longest stretch the phone heard no audio; empty when not measured
 * @param oneWay      answered, but one side received no audio at all
 * @param callerId    for inbound calls: what the phone was shown as the caller
 * @param playout     what the phone's jitter buffer played, per interval from the answer on (empty when not measured)
 */
record CallOutcome(Kind kind, String to, Instant started, Optional<Duration> setup, Optional<Duration> failedAfter,
                   Optional<String> failure, boolean dropped, Optional<Double> mos, Optional<Duration> audioGap,
                   boolean oneWay, Optional<String> callerId, String expectedCallerId,
                   java.util.List<dev.lifeline.media.jitter.PlayoutInterval> playout, boolean hangupLost,
                   Optional<dev.lifeline.media.quality.PlayoutQuality> quality) {

    CallOutcome {
        playout = java.util.List.copyOf(playout);
    }

    enum Kind { OUTBOUND, INBOUND, EMERGENCY }

    boolean answered() {
        return setup.isPresent();
    }

    /** Active across {@code t}: answered before it and (for a measured gap) heard after. */
    boolean spans(Instant t) {
        return setup.isPresent() && started.plus(setup.get()).isBefore(t);
    }
}
