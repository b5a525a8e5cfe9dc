package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transaction.TransactionKey;
import dev.lifeline.sip.transaction.TransactionLayer;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAC side of the stack: one pending call per client transaction, completed by its final
 * response, its timeout or its transport failure. Every method but {@link #start} and
 * {@link #sendFailed} runs on the stack's callback thread.
 */
final class ClientCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCalls.class);

    private static final class Call {
        final SipRequest request;
        final Target target;
        final Consumer<SipResponse> provisional;
        final Duration timeout;
        final CompletableFuture<SipResponse> result = new CompletableFuture<>();
        volatile Throwable sendFailure;

        Call(SipRequest request, Target target, Consumer<SipResponse> provisional, Duration timeout) {
            this.request = request;
            this.target = target;
            this.provisional = provisional;
            this.timeout = timeout;
        }
    }

    /** An INVITE given up on without any final answer (its Timer B fired), whose 2xx may still come. */
    record Abandoned(SipRequest invite, Target target) {
    }

    /** The INVITEs given up on most recently, by Call-ID and branch; the oldest go first. */
    private static final int ABANDONED_KEPT = 256;

    private final ConcurrentMap<TransactionKey, Call> calls = new ConcurrentHashMap<>();
    private final Map<String, Abandoned> abandoned = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Abandoned> eldest) {
                    return size() > ABANDONED_KEPT;
                }
            });
    private final java.util.function.BiConsumer<Abandoned, SipResponse> lateAnswer;
    private final TransactionLayer<Peer> layer;
    private final Duration transactionTimeout;
    private final SentAcks acks;
    private final Consumer<SentAcks.Sent> resendAck;

    /**
     * @param lateAnswer told of a 2xx to an INVITE that was given up on: the caller has moved on
     *                   (e.g. to the next target), so the dialog must be acknowledged and ended
     *                   (RFC 3261 §13.2.2.4, §15), or the far end keeps a call nobody is on
     */
    ClientCalls(TransactionLayer<Peer> layer, Duration transactionTimeout, SentAcks acks,
                Consumer<SentAcks.Sent> resendAck, java.util.function.BiConsumer<Abandoned, SipResponse> lateAnswer) {
        this.layer = layer;
        this.transactionTimeout = transactionTimeout;
        this.acks = acks;
        this.resendAck = resendAck;
        this.lateAnswer = lateAnswer;
    }

    /** Starts a client transaction for a request that already carries its Via. */
    CompletionStage<SipResponse> start(SipRequest request, Target target, Consumer<SipResponse> provisional) {
        return start(request, target, provisional, transactionTimeout);
    }

    /** As {@link #start(SipRequest, Target, Consumer)}, an INVITE giving up after {@code timerB} without a response. */
    CompletionStage<SipResponse> start(SipRequest request, Target target, Consumer<SipResponse> provisional,
                                       Duration timerB) {
        Duration timeout = request.isMethod("INVITE") ? timerB : transactionTimeout;
        Call call = new Call(request, target, provisional, timeout);
        TransactionKey key;
        try {
            key = TransactionKey.forClient(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e); // no CSeq: not a request we can send
        }
        if (calls.putIfAbsent(key, call) != null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("a request with branch and method " + key + " is already pending"));
        }
        try {
            layer.sendRequest(request, new Peer.Outbound(target), timerB);
        } catch (RuntimeException e) {
            calls.remove(key, call);
            return CompletableFuture.failedFuture(e);
        }
        return call.result.copy();
    }

    /** The transport could not send a request; remembered so the transport error can say why. */
    void sendFailed(SipRequest request, Throwable failure) {
        Call call = calls.get(TransactionKey.forClient(request));
        if (call != null) {
            call.sendFailure = unwrap(failure);
        }
    }

    void onResponse(TransactionKey key, SipResponse response) {
        Call call = calls.get(key);
        if (call == null) {
            onStrayResponse(response); // a 2xx retransmission after the call completed
        } else if (response.isProvisional()) {
            notifyProvisional(call, response);
        } else if (calls.remove(key, call)) {
            call.result.complete(response);
        }
    }

    /**
     * A 2xx whose ACK we sent is acknowledged again: the UAS evidently did not get the first. A
     * 2xx to an INVITE we gave up on goes to {@code lateAnswer}, once.
     */
    void onStrayResponse(SipResponse response) {
        if (response.isSuccess() && response.cseq().method().equals("INVITE")) {
            Optional<SentAcks.Sent> ack = acks.forRetransmitted(response);
            if (ack.isPresent()) {
                resendAck.accept(ack.get());
                return;
            }
            Abandoned late = response.vias().isEmpty() ? null : abandoned.remove(abandonedKey(response));
            if (late != null) {
                lateAnswer.accept(late, response);
            } else {
                LOG.debug("2xx retransmission for {} before its ACK was sent; ignored", response.callId());
            }
        }
    }

    private static String abandonedKey(SipMessage message) {
        return message.callId() + " " + message.topVia().branch().orElse("");
    }

    void onTimeout(TransactionKey key) {
        Call call = calls.remove(key);
        if (call != null) {
            String timer = call.request.isMethod("INVITE") ? "Timer B" : "Timer F";
            if (call.request.isMethod("INVITE")) {
                abandoned.put(abandonedKey(call.request), new Abandoned(call.request, call.target));
            }
            call.result.completeExceptionally(new SipTimeoutException("no final response to " + call.request.startLine()
                    + " sent to " + describe(call.target) + " within " + call.timeout.toMillis() + " ms (" + timer + ")"));
        }
    }

    void onTransportError(TransactionKey key) {
        Call call = calls.remove(key);
        if (call != null) {
            Throwable cause = call.sendFailure != null ? call.sendFailure
                    : new TransportException("transport failed sending " + call.request.startLine() + " to " + describe(call.target));
            call.result.completeExceptionally(cause);
        }
    }

    void failAll(Throwable reason) {
        calls.values().forEach(call -> call.result.completeExceptionally(reason));
        calls.clear();
    }

    private static void notifyProvisional(Call call, SipResponse response) {
        try {
            call.provisional.accept(response);
        } catch (RuntimeException e) {
            LOG.warn("provisional listener failed on {}", response.startLine(), e);
        }
    }

    private static String describe(Target target) {
        return target.transport() + " " + target.remote().getHostString() + ":" + target.remote().getPort();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
