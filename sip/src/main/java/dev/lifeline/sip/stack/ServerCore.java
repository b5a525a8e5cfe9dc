package dev.lifeline.sip.stack;

import dev.lifeline.sip.logging.LogLimiter;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transaction.TimerScheduler;
import dev.lifeline.sip.transaction.TransactionKey;
import dev.lifeline.sip.transaction.TransactionLayer;
import dev.lifeline.sip.transport.ConnectionId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAS side of the stack: hands requests to the {@link RequestHandler}, sends its answers
 * into the server transactions, answers CANCEL itself (200, and 487 for the INVITE when no
 * final response went out; 481 when no transaction matches, §9.2), and retransmits 2xx to
 * INVITE until the ACK arrives. Request callbacks run on the stack's callback thread.
 */
final class ServerCore {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCore.class);
    /** A request that trips a bug could be sent again and again: one line per source per interval. */
    private static final LogLimiter LIMITER = LogLimiter.system();

    private record Awaiting(ServerRequest request, TwoXxRetransmitter retransmitter) {
    }

    private final TransactionLayer<Peer> layer;
    private final RequestHandler handler;
    private final Tokens tokens;
    private final TimerConfig timers;
    private final TimerScheduler scheduler;
    private final Executor callbacks;
    private final BiConsumer<SipResponse, ConnectionId> stateless;
    /** INVITEs without a final response yet, which a CANCEL may still end with 487. */
    private final ConcurrentMap<TransactionKey, ServerRequest> ringing = new ConcurrentHashMap<>();
    private final ConcurrentMap<SentAcks.Key, Awaiting> awaitingAck = new ConcurrentHashMap<>();

    ServerCore(TransactionLayer<Peer> layer, RequestHandler handler, Tokens tokens, TimerConfig timers,
               TimerScheduler scheduler, Executor callbacks, BiConsumer<SipResponse, ConnectionId> stateless) {
        this.layer = layer;
        this.handler = handler;
        this.tokens = tokens;
        this.timers = timers;
        this.scheduler = scheduler;
        this.callbacks = callbacks;
        this.stateless = stateless;
    }

    void onRequest(TransactionKey key, SipRequest request, Source source) {
        if (request.isMethod("CANCEL")) {
            onCancel(key, request, source);
            return;
        }
        ServerRequest incoming = new ServerRequest(request, source, tokens.tag(), (r, response) -> answer(key, r, response), true);
        if (request.isMethod("INVITE")) {
            ringing.put(key, incoming);
        }
        dispatch(incoming);
    }

    /** An ACK no transaction absorbed: the ACK for a 2xx, which ends that 2xx's retransmission. */
    void onAck(SipRequest ack, Source source) {
        Awaiting awaiting = awaitingAck.remove(SentAcks.Key.of(ack));
        if (awaiting != null) {
            awaiting.retransmitter().stop();
            awaiting.request().ackReceived(ack);
        }
        dispatch(new ServerRequest(ack, source, "", (r, response) -> { }, false));
    }

    void closeAll() {
        awaitingAck.values().forEach(a -> a.retransmitter().stop());
        awaitingAck.clear();
    }

    int awaitingAck() {
        return awaitingAck.size();
    }

    private void onCancel(TransactionKey key, SipRequest cancel, Source source) {
        Optional<TransactionKey> inviteKey = layer.cancelTarget(cancel);
        Optional<ServerRequest> invite = inviteKey.map(ringing::get);
        // §9.2: the CANCEL's response should carry the INVITE response's To tag.
        String tag = invite.map(ServerRequest::localTag).orElseGet(tokens::tag);
        ServerRequest request = new ServerRequest(cancel, source, tag, (r, response) -> answer(key, r, response), true);
        if (inviteKey.isEmpty()) {
            request.respond(481, "Call/Transaction Does Not Exist");
        } else {
            request.respond(200, "OK");
            invite.ifPresent(i -> i.respond(487, "Request Terminated"));
        }
        dispatch(request);
    }

    private void dispatch(ServerRequest request) {
        try {
            handler.onRequest(request);
        } catch (RuntimeException e) {
            LIMITER.admit("handler failed", request.source().remote().getAddress()).ifPresent(held ->
                    LOG.warn("request handler failed on {}{}", request, LogLimiter.heldBack(held), e));
            if (!request.finalResponseSent()) {
                request.respond(500, "Server Internal Error");
            }
        }
    }

    private void answer(TransactionKey key, ServerRequest request, SipResponse response) {
        boolean invite = request.method().equals("INVITE");
        // Registered before the 2xx leaves, so that even an instant ACK finds it.
        Optional<TwoXxRetransmitter> retransmitter = invite && response.isSuccess()
                ? Optional.of(awaitAck(request, response)) : Optional.empty();
        if (!layer.respond(key, response)) {
            LOG.debug("no server transaction {} for {} any more", key, response.startLine());
            retransmitter.ifPresent(r -> forget(SentAcks.Key.of(response), r));
            return;
        }
        if (invite && !response.isProvisional()) {
            ringing.remove(key, request);
        }
        retransmitter.ifPresent(TwoXxRetransmitter::start);
    }

    private TwoXxRetransmitter awaitAck(ServerRequest request, SipResponse response) {
        SentAcks.Key ackKey = SentAcks.Key.of(response);
        ConnectionId flow = request.source().connection();
        TwoXxRetransmitter retransmitter = new TwoXxRetransmitter(timers, scheduler,
                () -> stateless.accept(response, flow),
                () -> callbacks.execute(() -> ackTimedOut(ackKey, request, response)));
        awaitingAck.put(ackKey, new Awaiting(request, retransmitter));
        return retransmitter;
    }

    private void forget(SentAcks.Key key, TwoXxRetransmitter retransmitter) {
        retransmitter.stop();
        awaitingAck.computeIfPresent(key, (k, a) -> a.retransmitter() == retransmitter ? null : a);
    }

    private void ackTimedOut(SentAcks.Key key, ServerRequest request, SipResponse response) {
        awaitingAck.remove(key);
        request.ackTimedOut(new SipTimeoutException("no ACK for " + response.startLine() + " to "
                + request.request().startLine() + " within " + timers.transactionTimeout().toMillis() + " ms"));
    }
}
