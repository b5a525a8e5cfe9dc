package dev.lifeline.sip.transaction;

import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.message.Via;
import dev.lifeline.sip.transaction.TimerScheduler.ScheduledTimer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer (RFC 3261 §17): keeps the transaction table, feeds each machine its
 * events, and carries out what the machines decide — sends through the {@link MessageSender},
 * timers through the {@link TimerScheduler}, news to the {@link TransactionUser}.
 *
 * <p>Everything runs one piece of work at a time under one lock. Work that arises while other
 * work runs (a TU answering from inside a callback, a send failing synchronously) is queued
 * and runs right after, so a machine's actions are never interleaved with another step of
 * the same machine.
 *
 * @param <A> how the transport addresses a peer: a destination for requests we send, the
 *            source of requests we receive
 */
public final class TransactionLayer<A> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);
    /** Retry-After when the in-progress budget itself is spent (admission did not shed enough). */
    private static final int RETRY_WHEN_FULL = 5;
    /** Refusals and drops are logged once per this many, not per request. */
    private static final long REPORT_EVERY = 10_000;

    private final TimerConfig config;
    private final TimerScheduler scheduler;
    private final InstantSource clock;
    private final MessageSender<A> sender;
    private final TransactionUser<A> user;
    private final TransactionLimits limits;
    private final ServerAdmission<A> admission;

    private final Object lock = new Object();
    private final Map<TransactionKey, Entry<A>> table = new HashMap<>();
    private final RetainedResponses<A> retained;
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private boolean draining;
    private int servers;
    private int clients;
    private long refused;
    private long dropped;

    /** Every request admitted, limits as in {@link TransactionLimits#of(int)}. */
    public TransactionLayer(TimerConfig config, TimerScheduler scheduler, InstantSource clock,
                            MessageSender<A> sender, TransactionUser<A> user, int capacity) {
        this(config, scheduler, clock, sender, user, TransactionLimits.of(capacity), ServerAdmission.all());
    }

    /**
     * @param limits    separate budgets for server transactions in progress, the layer's own
     *                  client transactions, and answered transactions kept for retransmissions
     * @param admission asked before a new request gets a server transaction
     */
    public TransactionLayer(TimerConfig config, TimerScheduler scheduler, InstantSource clock,
                            MessageSender<A> sender, TransactionUser<A> user, TransactionLimits limits,
                            ServerAdmission<A> admission) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.user = Objects.requireNonNull(user, "user");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.retained = new RetainedResponses<>(limits.retainedBytes());
    }

    // ---- TU side ------------------------------------------------------------------------

    /**
     * Sends a request in a new client transaction. The request must carry its final top Via
     * with a magic-cookie branch; its transport decides whether timers A/E retransmit.
     *
     * @throws IllegalArgumentException for ACK (sent without a transaction, §17.1.1.3) or a
     *                                  branch without the magic cookie
     * @throws IllegalStateException    when the key is in use or the table is full
     */
    public TransactionKey sendRequest(SipRequest request, A destination) {
        return sendRequest(request, destination, config.transactionTimeout());
    }

    /**
     * As {@link #sendRequest(SipRequest, Object)}; an INVITE times out after {@code timerB}
     * without any response instead of 64*T1 (a provisional stops Timer B as ever).
     */
    public TransactionKey sendRequest(SipRequest request, A destination, java.time.Duration timerB) {
        if ("ACK".equals(request.method())) {
            throw new IllegalArgumentException("ACK has no client transaction; send it with the MessageSender");
        }
        TransactionKey.Client key = TransactionKey.forClient(request);
        if (!TransactionKey.compliant(key.branch())) {
            throw new IllegalArgumentException("top Via branch needs the z9hG4bK cookie: '" + key.branch() + "'");
        }
        synchronized (lock) {
            if (table.containsKey(key)) {
                throw new IllegalStateException("a transaction with key " + key + " exists");
            }
            if (clients >= limits.clientTransactions()) {
                throw new IllegalStateException("too many client transactions in progress (" + clients + ")");
            }
            Entry<A> entry = new Entry<>(key, request, destination, true);
            table.put(key, entry);
            clients++;
            TransactionKind kind = TransactionKind.forMethod(request.method(), true);
            Step start = kind.start(config, reliable(request.topVia()), clock.instant(), timerB);
            entry.machine = start.machine(); // visible at once, even if the actions must queue
            run(() -> performAll(entry, start, request));
        }
        return key;
    }

    /**
     * Sends a response in the server transaction {@code key}. Returns false when there is no
     * such server transaction (it ended, or the key is a client's).
     */
    public boolean respond(TransactionKey key, SipResponse response) {
        if (!Status.valid(response.status())) {
            throw new IllegalArgumentException("status out of range: " + response.status());
        }
        synchronized (lock) {
            Entry<A> entry = table.get(key);
            if (entry == null || entry.client) {
                return false;
            }
            run(() -> stepIfLive(entry, new Event.TuResponse(response.status()), response));
            return true;
        }
    }

    /**
     * The INVITE server transaction a CANCEL targets (§9.2), while it exists. The TU answers
     * the CANCEL itself (200, or 481 when this is empty) and then 487 to the INVITE if it has
     * not sent a final response yet.
     */
    public Optional<TransactionKey> cancelTarget(SipRequest cancel) {
        TransactionKey key = TransactionKey.cancelTarget(cancel);
        synchronized (lock) {
            Entry<A> entry = table.get(key);
            return entry != null && entry.machine instanceof InviteServer ? Optional.of(entry.key) : Optional.empty();
        }
    }

    /**
     * The state of a live transaction, empty once it terminated. An answered non-INVITE server
     * transaction is Completed while its response is kept for retransmissions.
     */
    public Optional<TransactionState> state(TransactionKey key) {
        synchronized (lock) {
            Entry<A> entry = table.get(key);
            if (entry != null) {
                return Optional.of(entry.machine.state());
            }
            return retained.get(key, clock.instant()) != null ? Optional.of(TransactionState.COMPLETED) : Optional.empty();
        }
    }

    /** Transactions with a running machine: server ones in progress and own client ones. */
    public int size() {
        synchronized (lock) {
            return servers + clients;
        }
    }

    /** What the layer holds and what it turned away, for metrics. */
    public Stats stats() {
        synchronized (lock) {
            retained.purge(clock.instant());
            return new Stats(servers, clients, retained.size(), retained.bytes(), retained.droppedEarly(), refused, dropped);
        }
    }

    /**
     * @param serversInProgress server transactions with a machine (not yet answered, or INVITE)
     * @param clients           the layer's own client transactions
     * @param retained          answered non-INVITE server transactions kept for retransmissions
     * @param retainedBytes     the estimated memory they hold
     * @param droppedEarly      kept answers dropped for memory before Timer J ran out
     * @param refused           requests answered 503 without a transaction
     * @param dropped           requests admission dropped without an answer
     */
    public record Stats(int serversInProgress, int clients, int retained, long retainedBytes, long droppedEarly,
                        long refused, long dropped) {
    }

    // ---- transport side -----------------------------------------------------------------

    /** A message from the transport, already parsed and with received/rport set on requests. */
    public void receive(SipMessage message, A source) {
        synchronized (lock) {
            run(() -> {
                switch (message) {
                    case SipRequest request -> onRequest(request, source);
                    case SipResponse response -> onResponse(response, source);
                }
            });
        }
    }

    private void onRequest(SipRequest request, A source) {
        TransactionKey key = TransactionKey.forServer(request);
        Entry<A> entry = table.get(key);
        boolean ack = "ACK".equals(request.method());
        if (entry != null && !entry.client) {
            step(entry, ack ? new Event.AckReceived() : new Event.RequestReceived(), request);
            return;
        }
        if (ack) {
            tell(() -> user.onAck(request, source));
            return;
        }
        RetainedResponses.Retained<A> answered = retained.get(key, clock.instant());
        if (answered != null) {
            // A retransmission of a request we answered (§17.2.2, Completed): the same answer again.
            sendQuietly(answered.response(), answered.peer());
            return;
        }
        Admission verdict = servers >= limits.serverTransactions()
                ? new Admission.Refuse(RETRY_WHEN_FULL, "server transactions in progress at their limit")
                : admission.admit(request, source, servers);
        switch (verdict) {
            case Admission.Admit a -> start(key, request, source);
            case Admission.Refuse r -> {
                refused++;
                if (refused % REPORT_EVERY == 1) {
                    LOG.warn("admission refused {} requests with 503 so far; this one: {} ({})", refused, request.method(),
                            r.reason());
                }
                sendQuietly(SipResponse.forRequest(request, 503, "Service Unavailable")
                        .header("Retry-After", Integer.toString(r.retryAfterSeconds())).build(), source);
            }
            case Admission.Drop d -> {
                dropped++;
                if (dropped % REPORT_EVERY == 1) {
                    LOG.warn("admission dropped {} requests so far; this one: {} ({})", dropped, request.method(), d.reason());
                }
            }
        }
    }

    private void start(TransactionKey key, SipRequest request, A source) {
        Entry<A> created = new Entry<>(key, request, source, false);
        table.put(key, created);
        servers++;
        TransactionKind kind = TransactionKind.forMethod(request.method(), false);
        apply(created, kind.start(config, reliable(request.topVia()), clock.instant()), request);
    }

    private void onResponse(SipResponse response, A source) {
        if (!Status.valid(response.status())) {
            LOG.debug("dropping response with status {}", response.status());
            return;
        }
        Entry<A> entry = table.get(TransactionKey.forClient(response));
        if (entry != null && entry.client) {
            step(entry, new Event.ResponseReceived(response.status()), response);
        } else {
            tell(() -> user.onStrayResponse(response, source));
        }
    }

    // ---- running the machines -----------------------------------------------------------

    /** Runs work now, or after the work in progress when called from inside it. Holds the lock. */
    private void run(Runnable task) {
        work.add(task);
        if (draining) {
            return;
        }
        draining = true;
        try {
            Runnable next;
            while ((next = work.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.error("transaction work failed", e);
                }
            }
        } finally {
            draining = false;
        }
    }

    private void later(Runnable task) {
        synchronized (lock) {
            run(task);
        }
    }

    private void stepIfLive(Entry<A> entry, Event event, SipMessage inHand) {
        if (table.get(entry.key) == entry) {
            step(entry, event, inHand);
        }
    }

    private void step(Entry<A> entry, Event event, SipMessage inHand) {
        apply(entry, entry.machine.next(event, clock.instant()), inHand);
    }

    private void apply(Entry<A> entry, Step step, SipMessage inHand) {
        entry.machine = step.machine();
        performAll(entry, step, inHand);
    }

    private void performAll(Entry<A> entry, Step step, SipMessage inHand) {
        for (Action action : step.actions()) {
            perform(entry, action, inHand);
        }
    }

    private void perform(Entry<A> entry, Action action, SipMessage inHand) {
        switch (action) {
            case Action.Transmit t -> transmit(entry, inHand);
            case Action.Retransmit r -> {
                if (entry.lastSent != null) {
                    send(entry, entry.lastSent);
                }
            }
            case Action.SendTrying t -> {
                entry.lastSent = SipResponse.forRequest(entry.request, 100, "Trying").build();
                send(entry, entry.lastSent);
            }
            case Action.SendAck a -> send(entry, FailureAck.of(entry.request, (SipResponse) inHand));
            case Action.PassToTu p -> passToTu(entry, inHand);
            case Action.StartTimer s when s.timer() == TimerName.J -> retire(entry, s.delay());
            case Action.StartTimer s -> arm(entry, s.timer(), s.delay());
            case Action.CancelTimer c -> disarm(entry, c.timer());
            case Action.NotifyTimeout n -> tell(() -> user.onTimeout(entry.key));
            case Action.NotifyTransportError n -> tell(() -> user.onTransportError(entry.key));
            case Action.Terminated t -> remove(entry);
        }
    }

    private void transmit(Entry<A> entry, SipMessage message) {
        entry.lastSent = message;
        send(entry, message);
        if (message instanceof SipResponse response && entry.key instanceof TransactionKey.Legacy legacy
                && entry.machine instanceof InviteServer && response.status() >= 300) {
            // An RFC 2543 ACK carries the To tag of our response, not of the INVITE (§17.2.3).
            entry.ackAlias = legacy.forAck(response.to().tag().orElse(""));
            table.put(entry.ackAlias, entry);
        }
    }

    private void passToTu(Entry<A> entry, SipMessage inHand) {
        switch (inHand) {
            case SipResponse response -> tell(() -> user.onResponse(entry.key, response));
            case SipRequest ack when "ACK".equals(ack.method()) -> tell(() -> user.onAck(ack, entry.peer));
            case SipRequest request -> tell(() -> user.onRequest(entry.key, request, entry.peer));
        }
    }

    private void send(Entry<A> entry, SipMessage message) {
        CompletionStage<?> sent;
        try {
            sent = sender.send(message, entry.peer);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.debug("send failed for {}: {}", entry.key, failure.toString());
                later(() -> stepIfLive(entry, new Event.TransportError(), null));
            }
        });
    }

    private void sendQuietly(SipMessage message, A destination) {
        try {
            sender.send(message, destination);
        } catch (RuntimeException e) {
            LOG.debug("stateless send failed", e);
        }
    }

    private void arm(Entry<A> entry, TimerName timer, Duration delay) {
        disarm(entry, timer);
        Armed armed = new Armed();
        entry.timers.put(timer, armed);
        armed.handle = scheduler.schedule(delay, () -> later(() -> fire(entry, timer, armed)));
    }

    /** A firing counts only if its timer is still the one armed: cancellation may lose the race. */
    private void fire(Entry<A> entry, TimerName timer, Armed armed) {
        if (entry.timers.get(timer) != armed) {
            return;
        }
        entry.timers.remove(timer);
        step(entry, new Event.TimerFired(timer), null);
    }

    private void disarm(Entry<A> entry, TimerName timer) {
        Armed armed = entry.timers.remove(timer);
        if (armed != null && armed.handle != null) {
            armed.handle.cancel();
        }
    }

    /**
     * An answered non-INVITE server transaction over UDP: its machine would only wait out
     * Timer J to answer retransmissions, so it gives way to a retained answer, which holds
     * the response and the peer and no timer.
     */
    private void retire(Entry<A> entry, Duration timerJ) {
        remove(entry);
        if (entry.lastSent != null) {
            Instant now = clock.instant();
            retained.put(entry.key, entry.lastSent, entry.peer, now.plus(timerJ), now);
        }
    }

    private void remove(Entry<A> entry) {
        if (!table.remove(entry.key, entry)) {
            return;
        }
        if (entry.client) {
            clients--;
        } else {
            servers--;
        }
        if (entry.ackAlias != null) {
            table.remove(entry.ackAlias, entry);
        }
        for (TimerName timer : entry.timers.keySet().toArray(TimerName[]::new)) {
            disarm(entry, timer);
        }
    }

    /** TU callbacks are isolated: a TU bug must not leave a machine half-applied. */
    private static void tell(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("transaction user callback failed", e);
        }
    }

    /** UDP is the one unreliable transport SIP runs over; TCP, TLS, SCTP and WebSockets are reliable. */
    private static boolean reliable(Via via) {
        return !"UDP".equalsIgnoreCase(via.transport());
    }

    private static final class Entry<A> {
        final TransactionKey key;
        final SipRequest request;
        final A peer;
        final boolean client;
        final EnumMap<TimerName, Armed> timers = new EnumMap<>(TimerName.class);
        TransactionMachine machine;
        SipMessage lastSent;
        TransactionKey ackAlias;

        Entry(TransactionKey key, SipRequest request, A peer, boolean client) {
            this.key = key;
            this.request = request;
            this.peer = peer;
            this.client = client;
        }
    }

    private static final class Armed {
        ScheduledTimer handle;
    }
}
