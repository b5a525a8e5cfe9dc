package dev.lifeline.drill.lab.phone;

import dev.lifeline.drill.lab.phone.CallResult.Direction;
import dev.lifeline.drill.lab.phone.CallResult.EndedBy;
import dev.lifeline.media.quality.PlayoutQuality;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.transport.Target;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One call at a {@link LabPhone}, placed or received. Its state changes on the
 * {@link PhoneRuntime}'s thread only; the stages it hands out complete there too, so do not
 * block inside their callbacks.
 */
public final class PhoneCall {

    enum State { SETTING_UP, ESTABLISHED, ENDED }

    private final LabPhone phone;
    private final Direction direction;
    private final String callId;
    private final String peer;
    private final CompletableFuture<Boolean> answered = new CompletableFuture<>();
    private final CompletableFuture<CallResult> ended = new CompletableFuture<>();

    // ---- runtime thread only ----
    State state = State.SETTING_UP;
    MediaStream media;
    Dialog dialog;
    /** Where in-dialog requests go: the INVITE's next hop (outgoing) or the request's flow (incoming). */
    Target peerTarget;
    SipRequest sentInvite;
    ServerRequest receivedInvite;
    long setupStartNanos;
    Optional<Duration> setupTime = Optional.empty();
    long answerNanos;
    boolean hangUpRequested;
    io.netty.util.concurrent.ScheduledFuture<?> answerTimer;
    /** The o= line's session id and version (RFC 4566 §5.2): the version goes up with each new offer. */
    long sdpSessionId;
    long sdpVersion = 1;
    /** The phone holds the call (its last accepted offer said sendonly). */
    boolean held;
    /** A hold or resume re-INVITE is out: one at a time (RFC 3261 §14.1). */
    boolean reInviting;
    int holds;
    int resumes;
    long audioAtHold;
    long heardWhileHeld;
    long audioAtResume = -1;

    PhoneCall(LabPhone phone, Direction direction, String callId, String peer) {
        this.phone = phone;
        this.direction = direction;
        this.callId = callId;
        this.peer = peer;
    }

    public String callId() {
        return callId;
    }

    public Direction direction() {
        return direction;
    }

    /** The number called, or the caller's URI. */
    public String peer() {
        return peer;
    }

    /** Completes with true once answered and media runs, false when the call ends unanswered. */
    public CompletionStage<Boolean> answered() {
        return answered.copy();
    }

    /** Completes with the result when the call ends, whoever ends it. */
    public CompletionStage<CallResult> ended() {
        return ended.copy();
    }

    /**
     * Ends the call: BYE when answered, CANCEL while an outgoing call rings (a 200 that crosses
     * it is ACKed and ended with BYE), 603 Decline for an incoming call still ringing.
     */
    public CompletionStage<CallResult> hangUp() {
        phone.runtime().execute(() -> phone.hangUp(this));
        return ended();
    }

    /**
     * Puts the call on hold: a re-INVITE offering a=sendonly (RFC 3264 §8.4). The phone keeps
     * sending (music or silence on hold, as a held phone may); the far end should answer
     * recvonly and stop sending. Completes with true when the far end accepted it (2xx).
     */
    public CompletionStage<Boolean> hold() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        phone.runtime().execute(() -> phone.reInvite(this, true, done));
        return done;
    }

    /** Takes the call off hold: a re-INVITE offering a=sendrecv. Completes with true when accepted (2xx). */
    public CompletionStage<Boolean> resume() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        phone.runtime().execute(() -> phone.reInvite(this, false, done));
        return done;
    }

    /**
     * The phone's user stops talking ({@code true}): the phone sends RFC 3389 comfort noise at a
     * sparse rate instead of speech frames; {@code false}: talks again.
     */
    public void quiet(boolean on) {
        phone.runtime().execute(() -> {
            if (media != null) {
                media.quiet(on);
            }
        });
    }

    /** The received audio rated so far (for charting a call in progress); empty before media starts. */
    public CompletionStage<Optional<PlayoutQuality>> qualitySoFar() {
        CompletableFuture<Optional<PlayoutQuality>> q = new CompletableFuture<>();
        phone.runtime().execute(() -> q.complete(media == null ? Optional.empty()
                : media.report().map(r -> phone.rate(r, media))));
        return q;
    }

    void markAnswered() {
        answered.complete(true);
    }

    /** Ends the call once; later calls do nothing. */
    void finish(EndedBy endedBy, int status, Optional<String> failure) {
        if (state == State.ENDED) {
            return;
        }
        boolean wasEstablished = state == State.ESTABLISHED;
        state = State.ENDED;
        if (answerTimer != null) {
            answerTimer.cancel(false);
        }
        long now = phone.runtime().nanoTime();
        Optional<PlayoutQuality> quality = Optional.empty();
        boolean measured = false;
        long sent = 0;
        CallResult.Hold hold = CallResult.Hold.NONE;
        if (media != null && (holds > 0 || resumes > 0)) {
            long heard = media.audioReceived();
            hold = new CallResult.Hold(holds, resumes, heardWhileHeld + (held ? heard - audioAtHold : 0),
                    audioAtResume < 0 ? 0 : heard - audioAtResume);
        }
        if (media != null) {
            media.stop();
            quality = media.report().map(r -> phone.rate(r, media));
            measured = media.networkDelay().isPresent();
            sent = media.packetsSent();
        }
        Duration talk = wasEstablished ? Duration.ofNanos(now - answerNanos) : Duration.ZERO;
        CallResult result = new CallResult(callId, direction, peer, setupTime, status, failure, talk, endedBy,
                quality, measured, sent, hold, media == null ? 0 : media.comfortNoiseReceived());
        answered.complete(false);
        phone.ended(this, result);
        ended.complete(result);
    }

    @Override
    public String toString() {
        return "call " + callId + " (" + direction + " " + peer + ", " + state + ")";
    }
}
