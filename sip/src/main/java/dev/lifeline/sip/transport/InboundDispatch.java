package dev.lifeline.sip.transport;

import dev.lifeline.sip.codec.ParseResult;
import dev.lifeline.sip.logging.LogLimiter;
import dev.lifeline.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link InboundScreen} verdict: hands messages to the {@link InboundHandler}, counts
 * what it refuses, and returns the 400 the caller must send back to the source.
 */
final class InboundDispatch {

    private static final Logger log = LoggerFactory.getLogger(InboundDispatch.class);
    /** A message that trips a bug could be sent again and again: one line per source per interval. */
    private static final LogLimiter LIMITER = LogLimiter.system();

    private final InboundScreen screen;
    private final InboundHandler handler;
    private final TransportCounters counters;

    InboundDispatch(InboundScreen screen, InboundHandler handler, TransportCounters counters) {
        this.screen = screen;
        this.handler = handler;
        this.counters = counters;
    }

    Optional<SipResponse> accept(ParseResult result, Transport transport, InetSocketAddress remote,
                                 InetSocketAddress local, ConnectionId connection) {
        return switch (screen.judge(result, remote)) {
            case InboundScreen.Deliver deliver -> {
                counters.messagesReceived.increment();
                deliver(new InboundMessage(deliver.message(), transport, remote, local, connection));
                yield Optional.empty();
            }
            case InboundScreen.Answer answer -> {
                counters.drop(DropReason.ANSWERED_400);
                log.debug("400 to {} {}: {}", transport, remote, answer.response().startLine());
                yield Optional.of(answer.response());
            }
            case InboundScreen.Drop drop -> {
                counters.drop(drop.reason());
                log.debug("dropped from {} {}: {}", transport, remote, drop.reason());
                yield Optional.empty();
            }
        };
    }

    /** The 400 for a request on a stream that lost framing, if its headers allow one. */
    Optional<SipResponse> answerDesynchronised(ParseResult.Invalid partial) {
        return screen.reject(partial) instanceof InboundScreen.Answer answer
                ? Optional.of(answer.response()) : Optional.empty();
    }

    private void deliver(InboundMessage inbound) {
        try {
            handler.onMessage(inbound);
        } catch (RuntimeException e) {
            // A bug above must not kill the connection or the I/O thread; count it and carry on.
            counters.drop(DropReason.HANDLER_FAILED);
            LIMITER.admit("handler failed", inbound.remote().getAddress()).ifPresent(held ->
                    log.warn("inbound handler failed on {} from {}{}", inbound.message().startLine(), inbound.remote(),
                            LogLimiter.heldBack(held), e));
        }
    }
}
