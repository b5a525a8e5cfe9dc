package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.calls.SqliteCallRecordStore;
import dev.lifeline.gateway.routing.B2bua;
import dev.lifeline.gateway.routing.B2buaSettings;
import dev.lifeline.gateway.routing.CallRouter;
import dev.lifeline.gateway.routing.MediaAddresses;
import dev.lifeline.media.relay.NettyMediaRelay;
import dev.lifeline.media.relay.PortRange;
import dev.lifeline.media.relay.RelayConfig;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.transport.Transport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * INVITE floods through the whole front door over real sockets on 127.0.0.1: the edge's
 * authentication, the B2BUA and a real media relay. Unanswered INVITEs must not take the
 * relay's ports: none before authentication, and only a bounded number after it.
 */
class CallFloodSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    java.nio.file.Path storage;
    private final List<AutoCloseable> open = new ArrayList<>();
    private NettyMediaRelay relay;
    private B2bua b2bua;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        relay = new NettyMediaRelay(RelayConfig.defaults(new PortRange(45000, 45999)).withDrain(Duration.ZERO));
        open.add(relay);
        gateway = Gateway.start(TestSites.config(storage), GatewayPlugins.DEFAULT.withCalls((ctx, trunks) -> {
            b2bua = new B2bua(new CallRouter(ctx.config()), new B2bua.Services(ctx.stack(), ctx.locations(),
                    trunks.directory(), relay, MediaAddresses.fixed(LOOPBACK), ctx.events(),
                    new SqliteCallRecordStore(ctx.database()), ctx.clock()), B2buaSettings.DEFAULT);
            return b2bua;
        }));
        open.add(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Phone phone(String user, String password) throws Exception {
        Phone p = Phone.on(gateway, user, password, Transport.UDP);
        open.add(p);
        return p;
    }

    @Test
    void unauthenticatedInvitesAreChallengedAndTakeNoRelayPorts() throws Exception {
        Phone callee = phone("1002", "pw1002");
        assertThat(callee.withAuth(callee.register(600)).status()).isEqualTo(200);
        Phone stranger = phone("1001", "not-needed");

        List<CompletableFuture<SipResponse>> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(stranger.stack.request(stranger.invite("1002", "1001"), stranger.gateway).toCompletableFuture());
            // Dressed as the provider delivering a DID call, from an address that is not the provider's.
            sent.add(stranger.stack.request(stranger.invite("+15550100", "+15559876"), stranger.gateway)
                    .toCompletableFuture());
        }

        for (CompletableFuture<SipResponse> r : sent) {
            assertThat(r.get(5, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(407);
        }
        assertThat(relay.pairsInUse(LOOPBACK)).isZero();
        assertThat(b2bua.activeCalls()).isEmpty();
        assertThat(callee.received).noneMatch(r -> r.method().equals("INVITE"));
    }

    @Test
    void fiftyUnansweredAuthenticatedInvitesFromOneExtensionHoldTheRelayToItsLimit() throws Exception {
        Phone callee = phone("1002", "pw1002");      // registers, then never answers an INVITE
        assertThat(callee.withAuth(callee.register(600)).status()).isEqualTo(200);
        Phone caller = phone("1001", "pw1001");

        List<CompletableFuture<SipResponse>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(caller.stack.requestWithAuth(caller.invite("1002", "1001"), caller.gateway, caller.account)
                    .toCompletableFuture());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sent.stream().filter(CompletableFuture::isDone).count() >= 46);
        Thread.sleep(200);   // a 47th answer would be in by now

        List<SipResponse> answered = sent.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertThat(answered).hasSize(46).allSatisfy(r -> assertThat(r.status()).isEqualTo(503));
        assertThat(b2bua.activeCalls()).hasSize(4);
        assertThat(relay.pairsInUse(LOOPBACK)).isEqualTo(8);   // two legs for each of the four
        await().atMost(Duration.ofSeconds(5)).until(() -> callee.received.stream().filter(r -> r.method().equals("INVITE"))
                .count() >= 4);
        assertThat(callee.received).filteredOn(r -> r.method().equals("INVITE")).hasSize(4);
    }
}
