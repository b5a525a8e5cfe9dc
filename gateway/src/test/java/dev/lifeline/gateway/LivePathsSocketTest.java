package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.gateway.dns.FakeDnsServer;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.gateway.trunk.FakeProvider;
import dev.lifeline.gateway.trunk.ProviderTrunk;
import dev.lifeline.gateway.trunk.TrunkRoute;
import dev.lifeline.gateway.trunk.TrunkStatus;
import dev.lifeline.sip.message.SipRequest;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with one WAN path (wan1 on 127.0.0.11, its resolver on 127.0.0.27) probing its
 * trunk's provider targets every second over real sockets: a dead SRV target moves the trunk
 * to the one that answers (and back once the better one has answered for the 2 s hold-down),
 * and a NAT that re-maps us makes the trunk register again from the new mapping.
 */
class LivePathsSocketTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path storage;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private Gateway start(String provider, FakeDnsServer dns) throws Exception {
        return start(provider, dns, "");
    }

    private Gateway start(String provider, FakeDnsServer dns, String failoverExtra) throws Exception {
        String yaml = """
                site: {name: Test site, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                  - {number: 1001, name: Reception, password: pw1001}
                registrar: {realm: test.lifeline}
                dialPlan: {emergency: [911]}
                trunks:
                  - {name: provider, provider: "%s", transport: udp, register: true, username: site1,
                     password: trunkpw, expires: 5m}
                paths:
                  - {name: wan1, bind: 127.0.0.11, resolvers: ["%s"], priority: 1}
                failover: {probeInterval: 1s, probeTimeout: 1s, optionsFailuresToDown: 3, holdDown: 2s%s}
                """.formatted(provider, dns.address(), failoverExtra);
        Gateway g = Gateway.start(TestSites.config(storage, yaml));
        open.add(g);
        return g;
    }

    private ProviderTrunk trunk() {
        return gateway.trunks().live().iterator().next();
    }

    private List<Event> events() {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    private int targetPort() {
        return trunk().route().map(TrunkRoute::target).orElseThrow().remote().getPort();
    }

    @Test
    void aReflectorGivenAsAnAddressIsProbedWithoutAskingDns() throws Exception {
        // The path's resolver knows nothing: asking it about "127.0.0.1" could only fail, and
        // the path would lose its quality probes ("DNS lookup of 127.0.0.1 A on path wan1 failed").
        FakeProvider provider = opened(FakeProvider.start(0));
        FakeDnsServer dns = opened(FakeDnsServer.start("127.0.0.27"));
        dev.lifeline.gateway.path.ProbeReflector reflector = opened(
                dev.lifeline.gateway.path.ProbeReflector.start(new InetSocketAddress("127.0.0.1", 0)));
        gateway = start("127.0.0.1:" + provider.port(), dns, ", reflector: \"127.0.0.1:" + reflector.address().getPort() + "\"");

        await().atMost(PATIENCE).until(() -> reflector.echoed() >= 10);
    }

    @Test
    void aDeadTargetMovesTheTrunkToTheOneThatAnswersAndBackAfterTheHoldDown() throws Exception {
        FakeProvider a = FakeProvider.start(0);
        FakeProvider b = opened(FakeProvider.start(0));
        int portA = a.port();
        FakeDnsServer dns = opened(FakeDnsServer.start("127.0.0.27"));
        dns.srv("_sip._udp.provider.test", 10, 0, portA, "a.provider.test", 300)
                .srv("_sip._udp.provider.test", 20, 0, b.port(), "b.provider.test", 300)
                .a("a.provider.test", "127.0.0.1", 300)
                .a("b.provider.test", "127.0.0.1", 300);
        gateway = start("provider.test", dns);
        await().atMost(PATIENCE).until(() -> trunk().state().status() == TrunkStatus.REGISTERED);
        assertThat(targetPort()).isEqualTo(portA);
        assertThat(a.authorizedRegisters()).isNotEmpty();

        a.close();

        await().atMost(PATIENCE).until(() -> !b.authorizedRegisters().isEmpty());
        assertThat(targetPort()).isEqualTo(b.port());
        assertThat(events()).filteredOn(Event.ProviderTargetFailed.class::isInstance)
                .map(Event.ProviderTargetFailed.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.method()).isEqualTo("OPTIONS");
                    assertThat(e.target()).isEqualTo("udp 127.0.0.1:" + portA);
                    assertThat(e.reason()).startsWith("no answer to 3 OPTIONS in a row");
                });
        await().atMost(PATIENCE).until(() -> trunk().state().status() == TrunkStatus.REGISTERED);

        // A is back on its port: with the better SRV priority, after 2 s of answers the trunk returns.
        FakeProvider again = opened(FakeProvider.start(portA));
        await().atMost(PATIENCE).until(() -> !again.authorizedRegisters().isEmpty());
        assertThat(targetPort()).isEqualTo(portA);
    }

    @Test
    void aNatRemapReRegistersFromTheNewMapping() throws Exception {
        FakeProvider provider = opened(FakeProvider.start(0));
        NatRelay nat = opened(new NatRelay(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.31", 0), new InetSocketAddress("127.0.0.1", provider.port())));
        FakeDnsServer dns = opened(FakeDnsServer.start("127.0.0.27"));
        gateway = start("127.0.0.1:" + nat.insideAddress().getPort(), dns);
        await().atMost(PATIENCE).until(() -> trunk().state().status() == TrunkStatus.REGISTERED);
        int before = nat.publicAddress().getPort();
        assertThat(provider.authorizedRegisters()).extracting(LivePathsSocketTest::seenFrom)
                .containsOnly("127.0.0.31:" + before);
        // The baseline: at least one probe answered through this mapping.
        await().atMost(PATIENCE).until(() -> provider.received.stream()
                .filter(r -> r.isMethod("OPTIONS")).anyMatch(r -> seenFrom(r).equals("127.0.0.31:" + before)));
        int registersBefore = provider.authorizedRegisters().size();

        nat.remap();
        int after = nat.publicAddress().getPort();

        // Within a few probe rounds, long before the 5 min registration's refresh (at 2.5 min at the earliest).
        await().atMost(Duration.ofSeconds(15)).until(() -> provider.authorizedRegisters().stream()
                .anyMatch(r -> seenFrom(r).equals("127.0.0.31:" + after)));
        await().atMost(PATIENCE).until(() -> trunk().state().status() == TrunkStatus.REGISTERED);
        // One change, one REGISTER: later probes see the new mapping as the baseline.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> provider.authorizedRegisters().size() == registersBefore + 1);
    }

    /** Where the provider saw a request come from: the received/rport its stack stamped into the top Via. */
    private static String seenFrom(SipRequest r) {
        OptionalInt rport = r.topVia().rport();
        return r.topVia().received().orElse(r.topVia().host()) + ":" + (rport.isPresent() ? rport.getAsInt() : -1);
    }
}
