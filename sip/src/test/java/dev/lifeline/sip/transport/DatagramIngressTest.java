package dev.lifeline.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.sip.codec.ParseLimits;
import dev.lifeline.sip.codec.SipParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP ingress drains datagrams into memory and hands them to the SIP layer with responses
 * and named requests (emergency calls) ahead of what already waits.
 */
class DatagramIngressTest {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 5062);
    private static final InetSocketAddress GATEWAY = new InetSocketAddress("127.0.0.1", 5060);

    private final TransportCounters counters = new TransportCounters();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstArrived = new CountDownLatch(1);
    private final InboundHandler handler = inbound -> {
        delivered.add(inbound.message().startLine());
        firstArrived.countDown();
        try {
            release.await(5, TimeUnit.SECONDS);   // the SIP layer is busy: everything else waits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };
    private final SipParser parser = new SipParser(ParseLimits.DEFAULT);
    private final DatagramIngress ingress = new DatagramIngress(parser,
            (datagram, length) -> new String(datagram, 0, Math.min(length, 20), StandardCharsets.ISO_8859_1)
                    .startsWith("INVITE sip:911@"), counters);
    private final EmbeddedChannel socket = new EmbeddedChannel(ingress.reader(new DatagramInbound(
            new InboundDispatch(new InboundScreen(parser), handler, counters), new ConnectionId(1))));

    @AfterEach
    void close() {
        release.countDown();
        ingress.close();
        socket.finishAndReleaseAll();
    }

    private void arrive(String text) {
        socket.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1), GATEWAY,
                PHONE));
    }

    private static String request(String method, String uri, int n) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-" + method + n + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:1001@site>;tag=f" + n + "\r\nTo: <sip:1001@site>\r\n"
                + "Call-ID: c" + method + n + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String response(int n) {
        return "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-own" + n + "\r\n"
                + "From: <sip:gw@site>;tag=g\r\nTo: <sip:provider>;tag=p\r\nCall-ID: own" + n + "\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private void awaitDelivered(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void responsesAndEmergencyCallsGoAheadOfTheRequestsAlreadyWaiting() throws InterruptedException {
        arrive(request("REGISTER", "sip:site", 0));
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 50; i++) {
            arrive(request("REGISTER", "sip:site", i));
        }
        arrive(request("INVITE", "sip:911@site", 1));
        arrive(response(1));
        arrive(request("INVITE", "sip:15551234567@site", 2));

        release.countDown();
        awaitDelivered(54);

        assertThat(delivered).hasSize(54);
        assertThat(delivered.subList(1, 3)).containsExactly("INVITE sip:911@site SIP/2.0", "SIP/2.0 200 OK");
        assertThat(delivered.get(3)).startsWith("REGISTER");
        assertThat(delivered.getLast()).isEqualTo("INVITE sip:15551234567@site SIP/2.0");
    }

    @Test
    void overTheBudgetDatagramsAreDroppedAndCountedNotQueuedWithoutBound() throws InterruptedException {
        arrive(request("REGISTER", "sip:site", 0));
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
        String big = request("REGISTER", "sip:site", 1) + "x".repeat(60_000);
        int fit = (int) (DatagramIngress.BUDGET / (big.length() + 96));
        for (int i = 0; i < fit + 10; i++) {
            arrive(big);
        }

        assertThat(ingress.waitingBytes()).isLessThanOrEqualTo(DatagramIngress.BUDGET);
        assertThat(counters.snapshot().drops().get(DropReason.INGRESS_FULL)).isEqualTo(10L);
    }

    @Test
    void keepalivesAreDroppedAndStunBindingIsAnsweredWithoutWaiting() {
        arrive(request("REGISTER", "sip:site", 0));
        arrive("\r\n\r\n");
        assertThat(socket.outboundMessages()).isEmpty();
        byte[] binding = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        socket.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(binding), GATEWAY, PHONE));
        Object answer = socket.readOutbound();
        assertThat(answer).isInstanceOf(DatagramPacket.class);
        ((DatagramPacket) answer).release();
    }
}
