package dev.lifeline.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.config.KeepaliveMethod;
import dev.lifeline.gateway.registrar.location.Binding;
import dev.lifeline.gateway.registrar.location.BindingChange;
import dev.lifeline.gateway.registrar.location.FakeLocationStore;
import dev.lifeline.gateway.registrar.location.Flow;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keepalives over real UDP sockets: a raw socket stands in for a phone's NAT mapping. */
class NatKeepaliveTest {

    final FakeLocationStore store = new FakeLocationStore();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private SipStack gatewayStack() throws Exception {
        SipStack stack = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0))), r -> { });
        open.add(stack);
        return stack;
    }

    private DatagramSocket phoneSocket(String aor, SipStack gateway) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        socket.setSoTimeout(3000);
        open.add(socket);
        InetSocketAddress phone = (InetSocketAddress) socket.getLocalSocketAddress();
        Flow flow = new Flow(Transport.UDP, phone, gateway.listenPoints().get(0).address(), Optional.empty());
        SipUri contact = SipUri.of(aor, "127.0.0.1", phone.getPort());
        Instant now = Instant.now();
        store.apply(List.of(new BindingChange.Upsert(new Binding(aor, contact.toString(), contact, OptionalDouble.empty(),
                now.plusSeconds(600), "c-" + aor, 1, flow, Optional.empty(), OptionalInt.empty(), "", now))));
        return socket;
    }

    private static String receive(DatagramSocket socket) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void crlfKeepalivesReachEveryUdpFlowFromTheListeningSocket() throws Exception {
        SipStack gateway = gatewayStack();
        DatagramSocket a = phoneSocket("1001", gateway);
        DatagramSocket b = phoneSocket("1002", gateway);
        NatKeepalive keepalive = new NatKeepalive(gateway, store, Duration.ofMillis(300), KeepaliveMethod.CRLF,
                scheduler, InstantSource.system());
        open.add(keepalive);

        keepalive.start();

        for (DatagramSocket phone : List.of(a, b)) {
            DatagramPacket p = new DatagramPacket(new byte[64], 64);
            phone.receive(p);
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\n");
            assertThat(p.getSocketAddress()).as("from the gateway's listening socket")
                    .isEqualTo(gateway.listenPoints().get(0).address());
        }
    }

    @Test
    void optionsKeepalivesAskTheContactAndRepeatEachInterval() throws Exception {
        SipStack gateway = gatewayStack();
        DatagramSocket phone = phoneSocket("1001", gateway);
        NatKeepalive keepalive = new NatKeepalive(gateway, store, Duration.ofMillis(300), KeepaliveMethod.OPTIONS,
                scheduler, InstantSource.system());
        open.add(keepalive);

        keepalive.start();

        String first = receive(phone);
        assertThat(first).startsWith("OPTIONS sip:1001@127.0.0.1:" + phone.getLocalPort() + " SIP/2.0\r\n");
        // Unanswered, the client transaction retransmits: skip those and find a second pass's request.
        String callId = header(first, "Call-ID");
        String next;
        do {
            next = receive(phone);
        } while (header(next, "Call-ID").equals(callId));
        assertThat(next).startsWith("OPTIONS ");
        await().atMost(Duration.ofSeconds(2)).until(() -> keepalive.counts().sent() >= 2);
    }

    private static String header(String message, String name) {
        return message.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElse("");
    }

    @Test
    void aPassPlansOneKeepalivePerFlowSpreadAcrossTheInterval() throws Exception {
        SipStack gateway = gatewayStack();
        phoneSocket("1001", gateway);
        phoneSocket("1002", gateway);
        phoneSocket("1003", gateway);
        // A second binding on 1001's flow: still one keepalive for that flow.
        Binding first = store.all(Instant.now()).get(0);
        SipUri other = SipUri.of(first.aor(), "192.168.1.10", 5062);
        store.apply(List.of(new BindingChange.Upsert(new Binding(first.aor(), other.toString(), other,
                OptionalDouble.empty(), first.expiresAt(), "x", 1, first.flow(), Optional.empty(), OptionalInt.empty(), "",
                first.updatedAt()))));

        List<KeepalivePlan.Item> plan = KeepalivePlan.plan(store.all(Instant.now()), Duration.ofSeconds(30));

        assertThat(plan).hasSize(3);
        assertThat(plan).extracting(KeepalivePlan.Item::offset)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
}
