package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.Dialog;
import dev.lifeline.sip.transport.Target;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A call at the provider, placed by the site ({@link Direction#FROM_SITE}) or by the provider to
 * the site's DID ({@link Direction#TO_SITE}), with its media. Kept after it ends so a drill can
 * read its figures.
 */
public final class ProviderCall {

    public enum Direction { FROM_SITE, TO_SITE }

    public enum State {
        /** INVITE sent or received, no final answer yet. */
        SETUP,
        ANSWERED,
        /** Hung up, cancelled, or lost with its target. */
        ENDED,
        /** Never answered: rejected, timed out, or refused by the provider. */
        FAILED
    }

    private final LabProvider provider;
    private final String callId;
    private final Direction direction;
    private final java.util.concurrent.atomic.AtomicLong sdpVersion = new java.util.concurrent.atomic.AtomicLong(1);
    private final String number;
    private final Optional<CallerId> callerId;
    private final Instant started;
    private final CallMedia media;
    private final CompletableFuture<SipResponse> answer = new CompletableFuture<>();
    private volatile ProviderTarget owner;
    private volatile State state = State.SETUP;
    private volatile String endReason = "";
    private volatile Dialog dialog;
    private volatile Target signalling;

    ProviderCall(LabProvider provider, ProviderTarget owner, String callId, Direction direction, String number,
                 Optional<CallerId> callerId, Instant started, CallMedia media) {
        this.provider = provider;
        this.owner = owner;
        this.callId = callId;
        this.direction = direction;
        this.number = number;
        this.callerId = callerId;
        this.started = started;
        this.media = media;
    }

    public String callId() {
        return callId;
    }

    public Direction direction() {
        return direction;
    }

    /** The number called: by the site for {@link Direction#FROM_SITE}, the site's DID for {@link Direction#TO_SITE}. */
    public String number() {
        return number;
    }

    /** The caller ID the provider presented (calls to the site only). */
    public Optional<CallerId> callerId() {
        return callerId;
    }

    /** The target the call's signalling is on now (a re-INVITE through another target moves it). */
    public String target() {
        return owner.name();
    }

    public Instant started() {
        return started;
    }

    public State state() {
        return state;
    }

    /** Why it ended or failed; "" while it is up. */
    public String endReason() {
        return endReason;
    }

    public CallMediaStats media() {
        return media.stats();
    }

    /** For a call to the site: completes with the site's final answer (exceptionally when none came). */
    public CompletionStage<SipResponse> answer() {
        return answer.copy();
    }

    /**
     * Sends BYE from the provider and ends the call (its media stops at once, as a provider
     * that hangs up stops sending). Completes with the site's answer to the BYE.
     */
    public CompletionStage<SipResponse> hangUp() {
        Dialog d = dialog;
        if (state != State.ANSWERED || d == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "call " + callId + " is " + state + ", only an answered call can be hung up"));
        }
        SipRequest bye = d.bye();
        end("bye from provider");
        return owner.stack().request(bye, signalling);
    }

    // ---- state changes, by the provider --------------------------------------------------

    ProviderTarget owner() {
        return owner;
    }

    CallMedia mediaSession() {
        return media;
    }

    Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    /** A re-INVITE or other in-dialog request came from {@code via} over {@code target}: answer there from now on. */
    void movedSignalling(ProviderTarget via, Target target) {
        this.owner = via;
        this.signalling = target;
    }

    void answered(Dialog established, Target over, Optional<InetSocketAddress> remoteMedia, SipResponse response) {
        this.dialog = established;
        this.signalling = over;
        remoteMedia.ifPresent(media::remote);
        state = State.ANSWERED;
        media.start(callId);
        answer.complete(response);
    }

    void failed(String reason, Optional<SipResponse> response, Throwable cause) {
        if (state == State.ENDED || state == State.FAILED) {
            return;
        }
        state = State.FAILED;
        endReason = reason;
        media.close();
        response.ifPresentOrElse(answer::complete,
                () -> answer.completeExceptionally(cause != null ? cause : new IllegalStateException(reason)));
        provider.callEnded(this, reason);
    }

    void end(String reason) {
        if (state == State.ENDED || state == State.FAILED) {
            return;
        }
        boolean wasSetup = state == State.SETUP;
        state = wasSetup ? State.FAILED : State.ENDED;
        endReason = reason;
        media.close();
        if (wasSetup) {
            answer.completeExceptionally(new IllegalStateException(reason));
        }
        provider.callEnded(this, reason);
    }

    /** The version for the provider's next SDP in this call (RFC 4566 §5.2: up by one with each change). */
    long nextSdpVersion() {
        return sdpVersion.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ProviderCall[" + callId + " " + direction + " " + number + " on " + owner.name() + " " + state
                + (endReason.isEmpty() ? "" : " (" + endReason + ")") + "]";
    }
}
