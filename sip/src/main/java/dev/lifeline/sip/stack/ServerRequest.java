package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request the stack received, and the way to answer it: any number of provisional responses,
 * then one final response. The first final response wins; later ones, and anything sent after
 * it, are refused with {@code false}, which is how the stack's own 487 (on CANCEL) and a
 * handler's late 200 are kept from both going out.
 *
 * <p>Responses other than 100 that carry no To tag get {@link #localTag()}, so 180 and 200 of
 * one INVITE carry the same tag (RFC 3261 §8.2.6.2). A 2xx to an INVITE is retransmitted by
 * the stack until its ACK arrives (§13.3.1.4); {@link #acknowledged()} reports the outcome.
 * A response that can establish a dialog (101-299 to INVITE, SUBSCRIBE, REFER, NOTIFY) copies
 * the request's Record-Route in order (§12.1.1), so that the caller's in-dialog requests (the
 * ACK, BYE) keep passing the proxies that asked to stay in the path.
 *
 * <p>ACK and CANCEL also arrive as ServerRequests, with nothing left to answer: an ACK has no
 * response, and the stack has answered the CANCEL already.
 */
public final class ServerRequest {

    /** Methods whose 1xx/2xx can create a dialog (RFC 3261 §12.1, RFC 6665 §4.1.2, RFC 3515). */
    private static final Set<String> DIALOG_CREATING = Set.of("INVITE", "SUBSCRIBE", "REFER", "NOTIFY");

    /** How the stack sends what a handler answers. */
    @FunctionalInterface
    interface Answerer {
        void answer(ServerRequest request, SipResponse response);
    }

    private final SipRequest request;
    private final Source source;
    private final String localTag;
    private final Answerer answerer;
    private final AtomicBoolean finalSent;
    private final CompletableFuture<SipRequest> ack = new CompletableFuture<>();

    ServerRequest(SipRequest request, Source source, String freshTag, Answerer answerer, boolean answerable) {
        this.request = Objects.requireNonNull(request, "request");
        this.source = Objects.requireNonNull(source, "source");
        this.localTag = request.to().tag().orElse(freshTag);
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.finalSent = new AtomicBoolean(!answerable);
    }

    public SipRequest request() {
        return request;
    }

    public String method() {
        return request.method();
    }

    public Source source() {
        return source;
    }

    /** The To tag of our responses: the request's own for an in-dialog request, else a fresh one. */
    public String localTag() {
        return localTag;
    }

    /**
     * A response to this request with the §8.2.6.2 headers copied and, above 100, our To tag;
     * for a response that can establish a dialog, also the Record-Route (§12.1.1).
     */
    public SipResponse.Builder response(int status, String reason) {
        SipResponse.Builder builder = SipResponse.forRequest(request, status, reason);
        if (status > 100 && status < 300 && DIALOG_CREATING.contains(request.method())) {
            request.headers().values(HeaderNames.RECORD_ROUTE).forEach(v -> builder.header(HeaderNames.RECORD_ROUTE, v));
        }
        return status > 100 ? builder.toTag(localTag) : builder;
    }

    /** Sends {@code response(status, reason)}. */
    public boolean respond(int status, String reason) {
        return respond(response(status, reason).build());
    }

    /**
     * Sends a response in this request's server transaction. Returns false, sending nothing,
     * when a final response was already sent or there is nothing to answer (ACK, CANCEL).
     */
    public boolean respond(SipResponse response) {
        SipResponse tagged = withTag(response);
        if (tagged.status() < 200) {
            if (finalSent.get()) {
                return false;
            }
        } else if (!finalSent.compareAndSet(false, true)) {
            return false;
        }
        answerer.answer(this, tagged);
        return true;
    }

    /** Whether a final response has gone out (or none is possible). */
    public boolean finalResponseSent() {
        return finalSent.get();
    }

    /**
     * For an INVITE answered 2xx: completes with the ACK, or exceptionally with
     * {@link SipTimeoutException} when none came within 64*T1, after which RFC 3261 §13.3.1.4
     * says the session should be ended with a BYE. Never completes for other requests.
     */
    public CompletionStage<SipRequest> acknowledged() {
        return ack.copy();
    }

    void ackReceived(SipRequest received) {
        ack.complete(received);
    }

    void ackTimedOut(SipTimeoutException timeout) {
        ack.completeExceptionally(timeout);
    }

    private SipResponse withTag(SipResponse response) {
        if (response.status() == 100 || response.to().tag().isPresent()) {
            return response;
        }
        return response.toBuilder().toTag(localTag).build();
    }

    @Override
    public String toString() {
        return "ServerRequest[" + request.startLine() + " from " + source.transport() + " " + source.remote() + "]";
    }
}
