package dev.lifeline.sip.stack;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two stacks on 127.0.0.1 ephemeral ports (UDP and TCP each): a caller and a callee whose
 * behaviour the test sets. T1 is 50 ms so that Timers B and F fire after 3.2 s.
 */
final class StackPair implements AutoCloseable {

    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));

    final Transport transport;
    final NettySipStack uac;
    final NettySipStack uas;
    /** Everything the callee's handler was given, in order. */
    final List<ServerRequest> received = new CopyOnWriteArrayList<>();
    volatile RequestHandler behaviour = request -> { };

    private StackPair(Transport transport) throws TransportException {
        this.transport = transport;
        this.uac = start(request -> { });
        NettySipStack callee;
        try {
            callee = start(request -> {
                received.add(request);
                behaviour.onRequest(request);
            });
        } catch (TransportException | RuntimeException e) {
            uac.close();
            throw e;
        }
        this.uas = callee;
    }

    static StackPair over(Transport transport) throws TransportException {
        return new StackPair(transport);
    }

    static NettySipStack start(RequestHandler handler) throws TransportException {
        StackConfig config = StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0),
                ListenPoint.of(Transport.TCP, "127.0.0.1", 0))).withTimers(FAST);
        return NettySipStack.start(config, handler);
    }

    static InetSocketAddress address(SipStack stack, Transport transport) {
        return stack.listenPoints().stream().filter(p -> p.transport() == transport).findFirst().orElseThrow().address();
    }

    Target uasTarget() {
        return Target.of(transport, address(uas, transport));
    }

    /** A fresh out-of-dialog request from alice at the caller to {@code user} at the callee. */
    SipRequest request(String method, String user) {
        SipUri to = uas.localUri(user, transport);
        return SipRequest.builder(method, to)
                .from(NameAddress.of(uac.localUri("alice", transport)).withTag(uac.tokens().tag()))
                .to(NameAddress.of(to))
                .callId(uac.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, method))
                .contact(Contact.of(NameAddress.of(uac.localUri("alice", transport))))
                .build();
    }

    List<String> receivedMethods() {
        return received.stream().map(ServerRequest::method).toList();
    }

    @Override
    public void close() {
        uac.close();
        uas.close();
    }
}
