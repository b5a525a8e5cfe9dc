package dev.lifeline.gateway.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.config.CallerIdPresentation;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Secret;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.sip.message.Contact;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.stack.SipStack;
import dev.lifeline.sip.stack.StackConfig;
import dev.lifeline.sip.transport.ListenPoint;
import dev.lifeline.sip.transport.Target;
import dev.lifeline.sip.transport.Transport;
import dev.lifeline.sip.transport.TransportException;
import dev.lifeline.sip.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trunk against a fake provider over UDP on 127.0.0.1, with T1 = 50 ms (Timer F 3.2 s),
 * 2 s registrations (refresh every second) and a lab backoff of 100 ms base, 1 s max.
 */
class ProviderTrunkSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final RecordingTrunkListener listener = new RecordingTrunkListener();
    private ScheduledExecutorService scheduler;
    private SipStack site;
    private FakeProvider provider;
    private ProviderTrunk trunk;

    @BeforeEach
    void startSite() throws TransportException {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        site = SipStack.start(StackConfig.of(List.of(ListenPoint.of(Transport.UDP, "127.0.0.1", 0)))
                .withTimers(FakeProvider.FAST), request -> request.respond(403, "Forbidden"));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        site.close();
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void registersWithDigestAndRefreshesWithOneCallIdAndRisingCSeq() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, true);

        trunk.start();

        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);
        await().atMost(WAIT).until(() -> provider.authorizedRegisters().size() >= 3);
        assertThat(listener.transitions()).startsWith(TrunkStatus.REGISTERING, TrunkStatus.REGISTERED);
        assertThat(trunk.state().lastResponse()).contains(new ResponseLine(200, "OK"));
        List<SipRequest> registers = provider.received.stream().filter(r -> r.isMethod("REGISTER")).toList();
        assertThat(registers).extracting(SipRequest::callId).containsOnly(registers.get(0).callId());
        assertThat(registers).extracting(r -> r.cseq().number()).isSorted().doesNotHaveDuplicates();
        SipRequest first = registers.get(0);
        assertThat(first.requestUri().toString()).isEqualTo("sip:127.0.0.1:" + provider.port());
        assertThat(first.to().uri().toString()).isEqualTo("sip:site1@127.0.0.1");
        assertThat(first.from().uri().toString()).isEqualTo("sip:site1@127.0.0.1");
        assertThat(first.from().tag()).isPresent();
        assertThat(first.expires()).hasValue(2);
        assertThat(first.contacts()).extracting(Contact::uri).containsExactly(site.localUri("site1", Transport.UDP));
    }

    @Test
    void goesFailingWhenTheProviderStopsAndComesBackWhenItReturnsOnTheSamePort() throws Exception {
        provider = FakeProvider.start(0);
        int port = provider.port();
        trunk = trunk(FakeProvider.PASSWORD, true);
        trunk.start();
        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);

        provider.close();
        // The 2 s binding lapses first (FAILING at once), then the refresh meets Timer F (3.2 s).
        await().atMost(WAIT).until(() -> trunk.state().reason().startsWith("no answer from the provider"));
        assertThat(trunk.state().status()).isEqualTo(TrunkStatus.FAILING);
        assertThat(trunk.state().reason()).contains("Timer F");
        assertThat(trunk.state().retryAt()).isPresent();

        provider = FakeProvider.start(port);
        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);
        assertThat(listener.transitions()).containsSubsequence(
                TrunkStatus.REGISTERING, TrunkStatus.REGISTERED, TrunkStatus.FAILING, TrunkStatus.REGISTERED);
    }

    @Test
    void wrongPasswordIsFailingWithA401Reason() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk("not-the-password", true);

        trunk.start();

        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.FAILING);
        assertThat(trunk.state().reason()).startsWith("authentication failed (401 after credentials)");
        assertThat(trunk.state().lastResponse()).contains(new ResponseLine(401, "Unauthorized"));
    }

    @Test
    void stopUnregistersWithExpiresZeroAndEndsDisabled() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, true);
        trunk.start();
        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);

        TrunkState last = trunk.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(last.status()).isEqualTo(TrunkStatus.DISABLED);
        assertThat(last.reason()).isEqualTo("stopped; unregistered (200 OK)");
        List<SipRequest> registers = provider.authorizedRegisters();
        assertThat(registers.get(registers.size() - 1).expires()).hasValue(0);
    }

    @Test
    void moveToRegistersTheNewContactAtOnceAndRemovesTheOldOne() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, true);
        trunk.start();
        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);
        SipUri oldContact = trunk.route().orElseThrow().contact();
        SipUri newContact = SipUri.of("site1", "127.0.0.1", oldContact.port() + 1);

        trunk.moveTo(new TrunkRoute(trunk.route().orElseThrow().target(), newContact), "path wan2 took over");

        await().atMost(WAIT).until(() -> provider.authorizedRegisters().stream().anyMatch(r -> r.contacts().size() == 2));
        SipRequest moved = provider.authorizedRegisters().stream().filter(r -> r.contacts().size() == 2).findFirst().orElseThrow();
        assertThat(moved.contacts().get(0).uri()).isEqualTo(newContact);
        assertThat(moved.contacts().get(1).uri()).isEqualTo(oldContact);
        assertThat(moved.contacts().get(1).expires()).hasValue(0);
        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.REGISTERED);
        assertThat(listener.states).anyMatch(s -> s.reason().equals("re-registering: path wan2 took over"));
    }

    @Test
    void theViaOfTheRegistersAnswerSaysWhereTheProviderSeesUsFrom() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, true);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        trunk.onResponseVia((method, target, via) -> seen.add(method + " " + target.remote().getPort() + " "
                + NatMappings.publicAddress(via).orElse("?")));

        trunk.start();

        await().atMost(WAIT).until(() -> !seen.isEmpty());
        int local = site.listenPoints().get(0).address().getPort();
        assertThat(seen.get(0)).isEqualTo("REGISTER " + provider.port() + " 127.0.0.1:" + local);
    }

    @Test
    void probeOnlyTrunkBecomesAvailableOnAnOptionsAnswer() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, false);

        trunk.start();

        await().atMost(WAIT).until(() -> trunk.state().status() == TrunkStatus.AVAILABLE);
        assertThat(provider.received).extracting(SipRequest::method).containsOnly("OPTIONS");
    }

    @Test
    void onlyTheProvidersAddressIsAcceptedForInboundRequests() throws Exception {
        provider = FakeProvider.start(0);
        trunk = trunk(FakeProvider.PASSWORD, true);

        assertThat(trunk.isFromProvider(new InetSocketAddress("127.0.0.1", 40000))).isTrue();
        assertThat(trunk.isFromProvider(new InetSocketAddress("127.0.0.2", provider.port()))).isFalse();
        assertThat(trunk.isFromProvider(InetSocketAddress.createUnresolved("provider.test", 5060))).isFalse();
    }

    private ProviderTrunk trunk(String password, boolean register) {
        Trunk config = new Trunk("provider", HostPort.of("127.0.0.1", provider.port()),
                dev.lifeline.gateway.config.Transport.UDP, Optional.of(FakeProvider.USER), Optional.of(new Secret(password)),
                register, Duration.ofSeconds(2), CallerIdPresentation.DEFAULT, 1, Optional.empty(), Optional.empty());
        TrunkSettings settings = TrunkSettings.forTrunk(config)
                .withBackoff(RetryBackoff.lab(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .withKeepalive(Duration.ofMillis(500), 2);
        Target target = Target.of(Transport.UDP, new InetSocketAddress(LOOPBACK, provider.port()));
        return new ProviderTrunk(config, settings, site, TrunkRoute.viaListenPoint(site, FakeProvider.USER, target),
                new ProviderAddresses(List.of(LOOPBACK)), scheduler, Clock.systemUTC(), new SplittableRandom(1), listener);
    }
}
