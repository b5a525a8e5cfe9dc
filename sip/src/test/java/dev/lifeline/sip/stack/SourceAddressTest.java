package dev.lifeline.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.message.CSeq;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.NameAddress;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stack with a LAN address and a WAN path's address (127.0.0.1 and 127.0.0.11): a request
 * whose target names a source leaves from that address, with a Via and Contact on it, so that
 * a WAN path's traffic never takes another path's link; stream connections are kept per source.
 */
class SourceAddressTest {

    private static final InetAddress LAN = loopback("127.0.0.1");
    private static final InetAddress WAN1 = loopback("127.0.0.11");
    private static final InetAddress WAN2 = loopback("127.0.0.12");

    private NettySipStack site;
    private NettySipStack provider;
    private final List<ServerRequest> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        site = NettySipStack.start(StackConfig.of(List.of(
                ListenPoint.of(Transport.UDP, "127.0.0.1", 0), ListenPoint.of(Transport.TCP, "127.0.0.1", 0),
                ListenPoint.of(Transport.UDP, "127.0.0.11", 0), ListenPoint.of(Transport.TCP, "127.0.0.11", 0),
                ListenPoint.of(Transport.UDP, "127.0.0.12", 0), ListenPoint.of(Transport.TCP, "127.0.0.12", 0)))
                .withTimers(StackPair.FAST), request -> { });
        provider = StackPair.start(request -> {
            received.add(request);
            request.respond(200, "OK");
        });
    }

    @AfterEach
    void stop() {
        site.close();
        provider.close();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aRequestLeavesFromTheSourceItNames(Transport transport) throws Exception {
        Target toProvider = Target.of(transport, StackPair.address(provider, transport));

        SipResponse viaWan1 = send(transport, toProvider.from(WAN1));
        SipResponse viaWan2 = send(transport, toProvider.from(WAN2));
        SipResponse plain = send(transport, toProvider);

        assertThat(List.of(viaWan1.status(), viaWan2.status(), plain.status())).containsOnly(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received.get(0).source().remote().getAddress()).isEqualTo(WAN1);
        assertThat(received.get(0).request().topVia().host()).isEqualTo("127.0.0.11");
        assertThat(((SipUri) received.get(0).request().contacts().get(0).address().uri()).host()).isEqualTo("127.0.0.11");
        assertThat(received.get(1).source().remote().getAddress()).isEqualTo(WAN2);
        assertThat(received.get(1).request().topVia().host()).isEqualTo("127.0.0.12");
        assertThat(received.get(2).source().remote().getAddress()).isEqualTo(LAN);
        if (transport == Transport.TCP) {
            assertThat(received.get(0).source().connection()).isNotEqualTo(received.get(1).source().connection());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aSourceWithoutAListenPointFailsAndSaysWhy(Transport transport) {
        Target toProvider = Target.of(transport, StackPair.address(provider, transport)).from(loopback("127.0.0.99"));

        var outcome = site.request(request(transport, toProvider), toProvider).toCompletableFuture();

        await().atMost(Duration.ofSeconds(5)).until(outcome::isDone);
        assertThat(outcome).isCompletedExceptionally();
        assertThat(outcome.handle((ok, e) -> String.valueOf(e)).join()).contains("127.0.0.99");
    }

    private SipResponse send(Transport transport, Target target) throws Exception {
        return site.request(request(transport, target), target).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private SipRequest request(Transport transport, Target target) {
        SipUri to = provider.localUri("provider", transport);
        SipUri contact = target.source().isPresent()
                ? siteUri(transport, target.source().get()) : site.localUri("site", transport);
        return SipRequest.builder("OPTIONS", to)
                .from(NameAddress.of(contact).withTag(site.tokens().tag()))
                .to(NameAddress.of(to))
                .callId(site.tokens().callId("127.0.0.1"))
                .cseq(new CSeq(1, "OPTIONS"))
                .contact(Contact.of(NameAddress.of(contact)))
                .build();
    }

    private SipUri siteUri(Transport transport, InetAddress source) {
        try {
            return site.localUri("site", transport, source);
        } catch (IllegalStateException e) {
            return site.localUri("site", transport);
        }
    }

    private static InetAddress loopback(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
