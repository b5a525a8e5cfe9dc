package dev.lifeline.sip.stack;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.transaction.ExecutorTimerScheduler;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transaction.TimerScheduler;
import dev.lifeline.sip.transaction.TransactionKey;
import dev.lifeline.sip.transaction.TransactionLayer;
import dev.lifeline.sip.transaction.TransactionUser;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.InboundMessage;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.NettySipTransport;
import dev.lifeline.sip.transport.Sent;
import dev.lifeline.sip.transport.SipTransportLayer;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.TlsMaterial;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.transport.TransportStats;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.SipUri;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SipStack} on a {@link NettySipTransport} and a {@link TransactionLayer}, with two
 * threads of its own: one runs the transaction and 2xx timers, the other every application
 * callback. The transaction layer calls its user under its lock; hopping to the callback
 * thread keeps a slow handler from stalling the I/O threads and the timers.
 */
public final class NettySipStack implements SipStack {

    private static final Logger LOG = LoggerFactory.getLogger(NettySipStack.class);

    private final StackConfig config;
    private final Tokens tokens;
    private final ScheduledThreadPoolExecutor timerThread;
    private final CallbackLanes callbacks;
    private final TransactionLayer<Peer> layer;
    private final SentAcks sentAcks;
    private final ClientCalls clients;
    private final ServerCore servers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SourceFilter filter;
    private final AdmissionControl admission;
    private volatile SipTransportLayer transport;

    private NettySipStack(StackConfig config, RequestHandler handler, Tokens tokens, SourceFilter filter,
                          AdmissionControl admission) {
        this.config = config;
        this.tokens = tokens;
        this.filter = filter;
        this.admission = admission;
        this.timerThread = new ScheduledThreadPoolExecutor(1, daemon("sip-stack-timers"));
        // Cancelled timers are the rule (every answered request cancels its Timer F): drop them at once.
        timerThread.setRemoveOnCancelPolicy(true);
        this.callbacks = new CallbackLanes("sip-stack-callbacks", System::nanoTime);
        TimerScheduler scheduler = new ExecutorTimerScheduler(timerThread);
        this.layer = new TransactionLayer<>(config.timers(), scheduler, InstantSource.system(), this::transmit,
                new CallbackHop(), config.limits(), (request, peer, inProgress) -> admission.admit(request, (Source) peer,
                        callbacks.load(inProgress)));
        this.sentAcks = new SentAcks(scheduler, config.timers().transactionTimeout());
        this.clients = new ClientCalls(layer, config.timers().transactionTimeout(), sentAcks,
                sent -> send(sent.ack(), sent.target()), this::endLateAnswer);
        this.servers = new ServerCore(layer, handler, tokens, config.timers(), scheduler, this::later, this::sendResponse);
    }

    public static NettySipStack start(StackConfig config, RequestHandler handler) throws TransportException {
        return start(config, handler, Tokens.secure());
    }

    /** @param tokens the source of tags, Call-IDs and branches (tests pass a seeded one) */
    public static NettySipStack start(StackConfig config, RequestHandler handler, Tokens tokens) throws TransportException {
        return start(config, handler, tokens, SourceFilter.all());
    }

    /** @param filter sources whose messages are dropped before the transaction layer (see {@link SourceFilter}) */
    public static NettySipStack start(StackConfig config, RequestHandler handler, Tokens tokens, SourceFilter filter)
            throws TransportException {
        return start(config, handler, tokens, filter, AdmissionControl.all());
    }

    /** @param admission decides which new requests get a server transaction, given the stack's load */
    public static NettySipStack start(StackConfig config, RequestHandler handler, Tokens tokens, SourceFilter filter,
                                      AdmissionControl admission) throws TransportException {
        NettySipStack stack = new NettySipStack(config, handler, tokens, Objects.requireNonNull(filter, "filter"),
                Objects.requireNonNull(admission, "admission"));
        try {
            stack.transport = NettySipTransport.start(config.transport(), stack::onInbound,
                    admission::goesFirstOnArrival);
        } catch (TransportException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    // ---- UAC ----------------------------------------------------------------------------

    @Override
    public SipRequest prepare(SipRequest request, Target target) {
        boolean hasVia = request.headers().contains(HeaderNames.VIA);
        boolean hasMaxForwards = request.maxForwards().isPresent();
        if (hasVia && hasMaxForwards) {
            return request;
        }
        SipRequest.Builder builder = request.toBuilder();
        if (!hasVia) {
            builder.pushVia(localVia(listenPoint(target.transport(), target.source())));
        }
        if (!hasMaxForwards) {
            builder.maxForwards(70);
        }
        return builder.build();
    }

    @Override
    public CompletionStage<SipResponse> request(SipRequest request, Target target, Consumer<SipResponse> provisional) {
        return request(request, target, provisional, config.timers().transactionTimeout());
    }

    @Override
    public CompletionStage<SipResponse> request(SipRequest request, Target target, Consumer<SipResponse> provisional,
                                                Duration timerB) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("SIP stack closed"));
        }
        SipRequest prepared;
        try {
            prepared = prepare(request, target);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return clients.start(prepared, target, provisional, timerB);
    }

    @Override
    public CompletionStage<SipResponse> requestWithAuth(SipRequest request, Target target, DigestClient account,
                                                        Consumer<SipResponse> provisional) {
        return requestWithAuth(request, target, account, provisional, config.timers().transactionTimeout());
    }

    @Override
    public CompletionStage<SipResponse> requestWithAuth(SipRequest request, Target target, DigestClient account,
                                                        Consumer<SipResponse> provisional, Duration timerB) {
        return new DigestRetry(this, target, account, provisional, timerB).send(request);
    }

    /**
     * A 2xx came for an INVITE given up on (its caller has moved on, e.g. to the next target):
     * ACK it, as every 2xx must be, then BYE, so that the far end does not keep a call with no
     * one on it (RFC 3261 §13.2.2.4).
     */
    private void endLateAnswer(ClientCalls.Abandoned late, SipResponse ok) {
        LOG.info("late {} to {} sent to {} after it was given up on: acknowledging and ending it", ok.status(),
                late.invite().startLine(), late.target());
        try {
            Dialog dialog = Dialog.asUac(late.invite(), ok);
            sendAck(dialog.ack(late.invite()), late.target());
            request(dialog.bye(), late.target()).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.debug("BYE ending the late answer to {} failed: {}", late.invite().callId(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot end the late answer to {}: {}", late.invite().callId(), e.toString());
        }
    }

    @Override
    public CompletionStage<Sent> sendAck(SipRequest ack, Target target) {
        if (!ack.isMethod("ACK")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not an ACK: " + ack.method()));
        }
        SipRequest prepared;
        try {
            prepared = prepare(ack, target);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        sentAcks.remember(prepared, target);
        return transport.send(prepared, target);
    }

    // ---- stateless ----------------------------------------------------------------------

    @Override
    public CompletionStage<Sent> send(SipMessage message, Target target) {
        try {
            SipMessage prepared = message instanceof SipRequest request ? prepare(request, target) : message;
            return transport.send(prepared, target);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Sent> sendResponse(SipResponse response, ConnectionId requestConnection) {
        return transport.sendResponse(response, requestConnection);
    }

    // ---- facts --------------------------------------------------------------------------

    @Override
    public CompletionStage<Sent> sendKeepAlive(Target target) {
        return transport.sendKeepAlive(target);
    }

    @Override
    public CompletionStage<Void> ping(ConnectionId connection, Duration timeout) {
        return transport.ping(connection, timeout);
    }

    @Override
    public List<ListenPoint> listenPoints() {
        return transport.listenPoints();
    }

    @Override
    public SipUri localUri(String user, Transport over) {
        return localUri(user, listenPoint(over, Optional.empty()));
    }

    @Override
    public SipUri localUri(String user, Transport over, InetAddress source) {
        return localUri(user, listenPoint(over, Optional.of(source)));
    }

    private SipUri localUri(String user, ListenPoint point) {
        SipUri uri = SipUri.of(user, sentByHost(point), point.address().getPort());
        Transport over = point.transport();
        return over == Transport.UDP ? uri : uri.withParam("transport", over.viaToken().toLowerCase(Locale.ROOT));
    }

    @Override
    public Tokens tokens() {
        return tokens;
    }

    @Override
    public TimerConfig timers() {
        return config.timers();
    }

    @Override
    public void gate(dev.lifeline.sip.transport.SocketGate gate) {
        if (transport instanceof NettySipTransport netty) {
            netty.gate(gate);
        }
    }

    @Override
    public Optional<TlsMaterial> tls() {
        return transport instanceof NettySipTransport netty ? Optional.of(netty.tls()) : Optional.empty();
    }

    @Override
    public TransportStats transportStats() {
        return transport.stats();
    }

    /** Live transactions, for tests and metrics. */
    public int transactions() {
        return layer.size();
    }

    @Override
    public TransactionLayer.Stats transactionStats() {
        return layer.stats();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SipTransportLayer t = transport;
        if (t != null) {
            t.close();
        }
        servers.closeAll();
        timerThread.shutdownNow();
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(2, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.failAll(new TransportException("SIP stack closed"));
    }

    // ---- wiring -------------------------------------------------------------------------

    private void onInbound(InboundMessage inbound) {
        if (transport == null || closed.get()) {
            return; // arrived while starting or stopping: the sender retransmits
        }
        if (!filter.admits(inbound.remote(), inbound.message())) {
            return;
        }
        layer.receive(inbound.message(), Source.of(inbound));
    }

    /** The transaction layer's {@link dev.lifeline.sip.transaction.MessageSender}. */
    private CompletionStage<?> transmit(SipMessage message, Peer peer) {
        CompletionStage<Sent> sent = switch (peer) {
            case Peer.Outbound out -> transport.send(message, out.target());
            case Source source -> message instanceof SipResponse response
                    ? transport.sendResponse(response, source.connection())
                    : transport.send(message, source.replyTarget());
        };
        if (message instanceof SipRequest request) {
            // Runs before the layer hears of the failure, so the request's stage can say why.
            return sent.whenComplete((ok, failure) -> {
                if (failure != null) {
                    clients.sendFailed(request, failure);
                }
            });
        }
        return sent;
    }

    private Via localVia(ListenPoint point) {
        // rport without a value asks the server to answer to our source port (RFC 3581).
        Parameters params = Parameters.EMPTY.with("branch", tokens.branch()).with("rport", null);
        return new Via(point.transport().viaToken(), sentByHost(point), point.address().getPort(), params);
    }

    /** The listen point to send from: the one bound to {@code source} when given, else the first of the transport. */
    private ListenPoint listenPoint(Transport over, Optional<InetAddress> source) {
        return transport.listenPoints().stream()
                .filter(p -> p.transport() == over)
                .filter(p -> source.isEmpty() || p.address().getAddress().equals(source.get()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + over + " listen point"
                        + source.map(a -> " on " + a.getHostAddress()).orElse("") + " to send from"));
    }

    private String sentByHost(ListenPoint point) {
        // The advertised host stands in for a wildcard listen point only; a specific address (a
        // WAN path's) is its own sent-by, so the provider's answers come back over that path.
        if (config.advertisedHost().isPresent() && point.address().getAddress().isAnyLocalAddress()) {
            return config.advertisedHost().get();
        }
        InetAddress address = point.address().getAddress();
        String text = NetUtil.toAddressString(address);
        int zone = text.indexOf('%');
        String bare = zone < 0 ? text : text.substring(0, zone);
        return bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare;
    }

    private void later(Runnable task) {
        try {
            callbacks.urgent(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("stack closed; dropping a callback");
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Moves every transaction-layer callback off the layer's lock onto the callback thread. */
    private final class CallbackHop implements TransactionUser<Peer> {

        @Override
        public void onRequest(TransactionKey key, SipRequest request, Peer source) {
            try {
                callbacks.request(() -> servers.onRequest(key, request, (Source) source), admission.goesFirst(request));
            } catch (RejectedExecutionException e) {
                LOG.debug("stack closed; dropping a request");
            }
        }

        @Override
        public void onAck(SipRequest ack, Peer source) {
            later(() -> servers.onAck(ack, (Source) source));
        }

        @Override
        public void onResponse(TransactionKey key, SipResponse response) {
            later(() -> clients.onResponse(key, response));
        }

        @Override
        public void onStrayResponse(SipResponse response, Peer source) {
            later(() -> clients.onStrayResponse(response));
        }

        @Override
        public void onTimeout(TransactionKey key) {
            later(() -> clients.onTimeout(key));
        }

        @Override
        public void onTransportError(TransactionKey key) {
            later(() -> clients.onTransportError(key));
        }
    }
}
