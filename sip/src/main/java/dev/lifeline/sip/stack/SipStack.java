package dev.lifeline.sip.stack;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ConnectionId;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Sent;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.TlsMaterial;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.transport.TransportStats;
import dev.lifeline.sip.uri.SipUri;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A SIP endpoint: transports, transactions and the UA core chores that sit right above them.
 * What a gateway, registrar, trunk and the drill lab's phones and provider all speak through.
 *
 * <p>Callbacks (the {@link RequestHandler}, provisional listeners, and the completion of the
 * stages returned here) run on one stack thread, in order. Do not block on that thread, and in
 * particular never wait there for another request's stage: it would wait for itself.
 *
 * <p>Failures of {@link #request} complete the stage exceptionally: {@link SipTimeoutException}
 * when Timer B or F fires (no final response in 64*T1), a
 * {@link dev.lifeline.sip.transport.TransportException} when the transport could not send
 * (e.g. TCP connection refused), {@link IllegalArgumentException} or
 * {@link IllegalStateException} for a request that cannot be sent. A timeout is deliberately
 * not a synthesized 408: callers handle "the peer answered 408" and "nobody answered"
 * differently (failover counts the second, not the first).
 */
public interface SipStack extends AutoCloseable {

    /** Starts the transports on the configured listen points and the transaction layer. */
    static SipStack start(StackConfig config, RequestHandler handler) throws TransportException {
        return NettySipStack.start(config, handler);
    }

    /** As {@link #start(StackConfig, RequestHandler)}, dropping every message from a source {@code filter} refuses. */
    static SipStack start(StackConfig config, RequestHandler handler, SourceFilter filter) throws TransportException {
        return NettySipStack.start(config, handler, Tokens.secure(), filter);
    }

    /**
     * As {@link #start(StackConfig, RequestHandler, SourceFilter)}, asking {@code admission}
     * before a new request gets a server transaction.
     */
    static SipStack start(StackConfig config, RequestHandler handler, SourceFilter filter, AdmissionControl admission)
            throws TransportException {
        return NettySipStack.start(config, handler, Tokens.secure(), filter, admission);
    }

    /** What the transaction layer holds and turned away. */
    dev.lifeline.sip.transaction.TransactionLayer.Stats transactionStats();

    /**
     * The request as it will go out: a top Via added when it has none (sent-by of the listen
     * point for the target's transport, a fresh branch, rport) and Max-Forwards 70 when absent.
     * Use it to keep the exact INVITE that was sent, e.g. to CANCEL it later.
     */
    SipRequest prepare(SipRequest request, Target target);

    /** Sends a request in a client transaction; completes with the final response. */
    default CompletionStage<SipResponse> request(SipRequest request, Target target) {
        return request(request, target, response -> { });
    }

    /**
     * As {@link #request(SipRequest, Target)}, telling {@code provisional} about each 1xx. For an
     * INVITE the stage completes with the first final response; the caller sends the ACK for a
     * 2xx with {@link #sendAck} (the transaction ACKs other finals itself).
     */
    CompletionStage<SipResponse> request(SipRequest request, Target target, Consumer<SipResponse> provisional);

    /**
     * As {@link #request(SipRequest, Target, Consumer)}; an INVITE that gets no response at all
     * within {@code timerB} fails with a timeout instead of waiting 64*T1 (RFC 3261 Timer B, 32 s
     * by default). A provisional stops Timer B, so a call that rings is never cut short. For a
     * caller with another target to try (RFC 3263 §4.3): a server that answers nothing in a few
     * seconds is gone. Other methods ignore it.
     */
    CompletionStage<SipResponse> request(SipRequest request, Target target, Consumer<SipResponse> provisional,
                                         java.time.Duration timerB);

    /** {@link #requestWithAuth(SipRequest, Target, DigestClient, Consumer)} without a provisional listener. */
    default CompletionStage<SipResponse> requestWithAuth(SipRequest request, Target target, DigestClient account) {
        return requestWithAuth(request, target, account, response -> { });
    }

    /**
     * Sends a request and answers a 401/407 challenge once: the same request with credentials,
     * CSeq plus one and a new branch. A second challenge marked stale is answered once more;
     * any other second challenge is the final response (the credentials were refused). Fails
     * with {@link SipAuthenticationException} when the challenge cannot be answered at all.
     */
    CompletionStage<SipResponse> requestWithAuth(SipRequest request, Target target, DigestClient account,
                                                 Consumer<SipResponse> provisional);

    /** As {@link #requestWithAuth(SipRequest, Target, DigestClient, Consumer)}, each INVITE sent with {@code timerB}. */
    CompletionStage<SipResponse> requestWithAuth(SipRequest request, Target target, DigestClient account,
                                                 Consumer<SipResponse> provisional, java.time.Duration timerB);

    /**
     * Sends the ACK for a 2xx statelessly (it has no transaction, §17.1.1.3), adding a Via when
     * it has none, and remembers it for 64*T1 so that retransmissions of that 2xx are answered
     * with it again.
     */
    CompletionStage<Sent> sendAck(SipRequest ack, Target target);

    /** Sends a message outside any transaction (a Via is added to a request that has none). */
    CompletionStage<Sent> send(SipMessage message, Target target);

    /** Sends a response outside any transaction, routed by §18.2.2 from the request's flow. */
    CompletionStage<Sent> sendResponse(SipResponse response, ConnectionId requestConnection);

    /**
     * A CRLFCRLF keepalive toward a peer (RFC 5626 §3.5.1): one datagram on UDP, a ping on the
     * target's TCP/TLS flow. Nothing is awaited; it only keeps NAT and firewall state open.
     */
    CompletionStage<Sent> sendKeepAlive(Target target);

    /** A CRLFCRLF ping on a TCP/TLS flow that completes when the CRLF pong comes back (RFC 5626 §4.4.1). */
    CompletionStage<Void> ping(ConnectionId connection, Duration timeout);

    /** The bound listen points (with the actual ports when 0 was asked for). */
    List<ListenPoint> listenPoints();

    /** A URI reaching this stack over {@code transport}, for Contact headers: sip:user@host:port[;transport=tcp]. */
    SipUri localUri(String user, Transport transport);

    /**
     * As {@link #localUri(String, Transport)} for the listen point bound to {@code source} (a WAN
     * path's address); throws IllegalStateException when there is none.
     */
    SipUri localUri(String user, Transport transport, java.net.InetAddress source);

    Tokens tokens();

    TimerConfig timers();

    TransportStats transportStats();

    /**
     * The TLS material of the stack's transport: client profiles per peer host (e.g. a provider
     * trunk's trust bundle and client certificate), and the watch that reloads certificate files
     * when they change. Empty for a stack without a TLS-capable transport (test doubles).
     */
    /** Sets the gate the stack's sockets ask before every read and write; see {@link dev.lifeline.sip.transport.SocketGate}. */
    default void gate(dev.lifeline.sip.transport.SocketGate gate) {
        throw new UnsupportedOperationException("this stack has no gated sockets");
    }

    default Optional<TlsMaterial> tls() {
        return Optional.empty();
    }

    /** Stops transports, timers and the callback thread; pending requests fail. */
    @Override
    void close();
}
