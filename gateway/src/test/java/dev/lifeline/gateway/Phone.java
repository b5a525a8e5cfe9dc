package dev.lifeline.gateway;

import dev.lifeline.sip.auth.DigestClient;
import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.ServerRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lab phone: its own SIP stack on 127.0.0.1, an account, and what the gateway sent it. It
 * answers OPTIONS 200 (as phones do) and records every request. T1 is 50 ms, so an unanswered
 * request gives up after 3.2 s.
 */
public final class Phone implements AutoCloseable {

    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));

    public final String user;
    final SipStack stack;
    final Transport transport;
    final Target gateway;
    final DigestClient account;
    public final List<ServerRequest> received = new CopyOnWriteArrayList<>();
    public final List<Long> keepalivesAt = new CopyOnWriteArrayList<>();

    public Phone(String user, String password, InetSocketAddress gateway, Transport transport) throws TransportException {
        this(user, password, gateway, transport, "127.0.0.1");
    }

    /** A phone listening on {@code host}, any 127.0.0.x: a second source address for the gateway. */
    public Phone(String user, String password, InetSocketAddress gateway, Transport transport, String host)
            throws TransportException {
        this.user = user;
        this.transport = transport;
        this.gateway = Target.of(transport, gateway);
        this.account = DigestClient.withPassword(user, password, new SplittableRandom(user.hashCode()));
        this.stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(transport, host, 0))).withTimers(FAST),
                request -> {
                    received.add(request);
                    if (request.method().equals("OPTIONS")) {
                        keepalivesAt.add(System.nanoTime());
                        request.respond(200, "OK");
                    }
                });
    }

    public static Phone on(Gateway g, String user, String password, Transport transport) throws TransportException {
        InetSocketAddress address = g.listenPoints().stream().filter(p -> p.transport() == transport)
                .findFirst().orElseThrow().address();
        return new Phone(user, password, address, transport);
    }

    public SipUri contact() {
        return stack.localUri(user, transport);
    }

    public SipRequest register(int expires) {
        SipUri aor = SipUri.parse("sip:" + user + "@" + TestSites.REALM);
        return request("REGISTER", SipUri.parse("sip:" + TestSites.REALM), user, aor)
                .toBuilder().header("Expires", Integer.toString(expires)).build();
    }

    public SipRequest invite(String to, String fromUser) {
        SipUri target = SipUri.parse("sip:" + to + "@" + TestSites.REALM);
        return request("INVITE", target, fromUser, target);
    }

    public SipRequest request(String method, SipUri requestUri, String fromUser, SipUri to) {
        SipUri from = SipUri.parse("sip:" + fromUser + "@" + TestSites.REALM);
        return SipRequest.builder(method, requestUri)
                .from(NameAddress.of(from).withTag(stack.tokens().tag()))
                .to(NameAddress.of(to))
                .callId(stack.tokens().callId(contact().host()))
                .cseq(new CSeq(1, method))
                .contact(Contact.of(NameAddress.of(contact())))
                .build();
    }

    /** Sends and answers a 401/407 with this phone's account. */
    public SipResponse withAuth(SipRequest request) {
        return stack.requestWithAuth(request, gateway, account).toCompletableFuture().join();
    }

    /** Sends without answering challenges. */
    public SipResponse plain(SipRequest request) {
        return stack.request(request, gateway).toCompletableFuture().join();
    }

    @Override
    public void close() {
        stack.close();
    }
}
