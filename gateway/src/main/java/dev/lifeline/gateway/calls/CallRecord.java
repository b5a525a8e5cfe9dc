package dev.lifeline.gateway.calls;

import dev.lifeline.gateway.events.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is kept of a finished call: who, when, how it ended, and how each direction sounded.
 *
 * @param status     the final response the caller got (200 when answered)
 * @param fromCaller the caller's audio as the relay received it
 * @param fromCallee the callee's audio as the relay received it
 */
public record CallRecord(String callId, String from, String to, String route, Instant started,
                         Optional<Instant> answered, Instant ended, int status, String cause, Event.Hangup endedBy,
                         StreamQuality fromCaller, StreamQuality fromCallee) {

    public CallRecord {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(answered, "answered");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(endedBy, "endedBy");
        Objects.requireNonNull(fromCaller, "fromCaller");
        Objects.requireNonNull(fromCallee, "fromCallee");
    }

    /** Talk time: answer to end, zero when never answered. */
    public Duration duration() {
        return answered.map(a -> Duration.between(a, ended)).orElse(Duration.ZERO);
    }

    /**
     * The event for this call, with each leg's side and which leg was losing packets.
     *
     * @param callerSide the network the caller's stream crossed: LAN for a phone, WAN for the provider
     * @param calleeSide the same for the callee's
     */
    public Event.CallEnded toEvent(LegSide callerSide, LegSide calleeSide) {
        LegBlame.Blame blame = blame(callerSide, calleeSide);
        return new Event.CallEnded(ended, callId, from, to, route, status, cause, endedBy, answered.orElse(null), duration(),
                fromCaller.packets(), fromCaller.lossPercent(), fromCaller.jitterMillis(), fromCaller.r(), fromCaller.mos(),
                fromCallee.packets(), fromCallee.lossPercent(), fromCallee.jitterMillis(), fromCallee.r(), fromCallee.mos(),
                callerSide.spelling(), calleeSide.spelling(), blame.verdict().spelling(), blame.reason());
    }

    /** Which leg was losing packets over the whole call. */
    public LegBlame.Blame blame(LegSide callerSide, LegSide calleeSide) {
        return LegBlame.judge(List.of(LegReading.of(callerSide, party(callerSide, from), fromCaller),
                LegReading.of(calleeSide, party(calleeSide, to), fromCallee)));
    }

    /** Who sends a leg's stream, as the verdict names it: "phone 1001" or "the provider". */
    public static String party(LegSide side, String number) {
        return side == LegSide.LAN ? "phone " + number : "the provider";
    }
}
