package dev.lifeline.drill.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.dns.LabDns;
import dev.lifeline.drill.lab.dns.ProviderZone;
import dev.lifeline.drill.lab.dns.ZoneTarget;
import dev.lifeline.drill.lab.phone.LabPhone;
import dev.lifeline.drill.lab.phone.PhoneCall;
import dev.lifeline.drill.lab.phone.PhoneRuntime;
import dev.lifeline.drill.lab.phone.PhoneSettings;
import dev.lifeline.drill.lab.provider.LabProvider;
import dev.lifeline.drill.lab.provider.ProviderConfig;
import dev.lifeline.drill.lab.provider.ProviderObservation;
import dev.lifeline.drill.lab.provider.TargetSpec;
import dev.lifeline.drill.lab.wan.UdpForward;
import dev.lifeline.drill.lab.wan.WanConfig;
import dev.lifeline.drill.lab.wan.WanEmulator;
import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway with two WAN paths (127.0.0.11 and 127.0.0.12), each reaching the lab
 * provider through its own WAN emulator and resolving the provider through its own resolver
 * (split horizon): the trunk registers over wan1; wan1 is blackholed and the gateway fails
 * over to wan2 (the provider sees the REGISTER arrive from wan2's NAT address); wan1 comes back
 * and, after the hold-down, the gateway fails back. Timings are the drills' to measure; here
 * only the order and the facts are asserted, with generous waits.
 */
class PathFailoverLabTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DOMAIN = "provider.example";

    @TempDir
    Path storage;

    private LabProvider provider;
    private WanEmulator wan1;
    private WanEmulator wan2;
    private LabDns dns;
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        provider = LabProvider.start(ProviderConfig.of(DOMAIN, "site1", "trunkpw",
                List.of(TargetSpec.udp("sip1", "127.0.0.41"))), InstantSource.system());
        InetSocketAddress sip = provider.target("sip1").sipAddress();
        InetSocketAddress reflector = provider.target("sip1").reflectorAddress();

        wan1 = WanEmulator.start(WanConfig.of("wan1", ip("127.0.0.31")));
        wan2 = WanEmulator.start(WanConfig.of("wan2", ip("127.0.0.32")));
        UdpForward sip1 = wan1.forwardUdp(new InetSocketAddress("127.0.0.61", 0), sip);
        UdpForward refl1 = wan1.forwardUdp(new InetSocketAddress("127.0.0.63", 0), reflector);
        UdpForward sip2 = wan2.forwardUdp(new InetSocketAddress("127.0.0.62", 0), sip);
        UdpForward refl2 = wan2.forwardUdp(new InetSocketAddress("127.0.0.64", refl1.inside().getPort()), reflector);

        dns = new LabDns();
        var view1 = ProviderZone.view(DOMAIN, List.of(
                ZoneTarget.udp("sip1", sip1.inside().getAddress(), sip1.inside().getPort())), Duration.ofSeconds(30))
                .with(reflectorRecord(refl1.inside().getAddress()));
        var view2 = ProviderZone.view(DOMAIN, List.of(
                ZoneTarget.udp("sip1", sip2.inside().getAddress(), sip2.inside().getPort())), Duration.ofSeconds(30))
                .with(reflectorRecord(refl2.inside().getAddress()));
        InetSocketAddress resolver1 = dns.addEndpoint("wan1", new InetSocketAddress("127.0.0.21", 0), view1).address();
        InetSocketAddress resolver2 = dns.addEndpoint("wan2", new InetSocketAddress("127.0.0.22", 0), view2).address();

        SiteConfig c = SiteConfigLoader.parse("lab-site.yaml", """
                site: { name: Lab branch, countryCode: "1", nationalPrefix: "1" }
                listen:
                  - { transport: udp, address: 127.0.0.1:5060 }
                extensions:
                  - { number: 1001, name: Reception, password: pw1001 }
                trunks:
                  - name: provider
                    provider: %s
                    transport: udp
                    username: site1
                    password: trunkpw
                    expires: 5m
                paths:
                  - { name: wan1, bind: 127.0.0.11, resolvers: ["127.0.0.21:%d"], priority: 1 }
                  - { name: wan2, bind: 127.0.0.12, resolvers: ["127.0.0.22:%d"], priority: 2 }
                failover:
                  holdDown: 1s
                  reflector: reflector.%s:%d
                dialPlan:
                  internal: '[1-9]\\d{3}'
                  emergency: [911]
                  outbound:
                    - { match: '9(\\d{7,15})', strip: 1, trunks: [provider] }
                media: { rtpPorts: 30000-30999 }
                """.formatted(DOMAIN, resolver1.getPort(), resolver2.getPort(), DOMAIN, refl1.inside().getPort()));
        // Ephemeral ports for the SIP listener (the paths' listen points follow it) and the admin API.
        List<Listener> ephemeral = c.listen().stream()
                .map(l -> new Listener(l.transport(), new HostPort("127.0.0.1", OptionalInt.of(0)), l.tls())).toList();
        AdminSettings admin = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.empty());
        gateway = Gateway.start(new SiteConfig(c.site(), ephemeral, c.extensions(), c.groups(), c.dids(), c.trunks(),
                c.dialPlan(), c.paths(), c.failover(), c.registrar(), c.security(), storage, admin, c.media(),
                c.signalling()));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {gateway, dns, wan1, wan2, provider}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    void aBlackholedPrimaryFailsOverToTheSecondPathAndBackAfterTheHoldDown() throws Exception {
        await().atMost(WAIT).until(() -> registeredFrom(wan1.publicAddress()));

        Instant cut = wan1.blackhole(true);

        await().atMost(WAIT).until(() -> registeredFrom(wan2.publicAddress(), cut));
        assertThat(events(Event.PathStateChanged.class)).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("wan1");
            assertThat(e.state()).isEqualTo("down");
        });
        assertThat(events(Event.ActivePathChanged.class)).anySatisfy(e -> {
            assertThat(e.from()).isEqualTo("wan1");
            assertThat(e.to()).isEqualTo("wan2");
        });
        assertThat(events(Event.TrunkMoved.class)).anySatisfy(e -> assertThat(e.path()).isEqualTo("wan2"));
        assertThat(gateway.paths().active()).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("wan2"));

        Instant restored = wan1.blackhole(false);

        await().atMost(WAIT).until(() -> registeredFrom(wan1.publicAddress(), restored));
        gateway.events().flush().join();
        assertThat(names(gateway.events().since(cut, 1000))).containsSubsequence(
                "PathStateChanged", "ActivePathChanged", "TrunkMoved", "PathStateChanged", "PathStateChanged",
                "ActivePathChanged", "TrunkMoved");
        for (LoggedEvent e : gateway.events().since(cut, 1000)) {
            System.out.printf("  +%5d ms  %s%n", Duration.between(cut, e.event().at()).toMillis(), e.event());
        }
        provider.observations(ProviderObservation.RegisterAccepted.class).stream().filter(r -> r.at().isAfter(cut))
                .forEach(r -> System.out.printf("  +%5d ms  provider: REGISTER 200 from %s%n",
                        Duration.between(cut, r.at()).toMillis(), r.source()));
        assertThat(events(Event.ActivePathChanged.class)).last().satisfies(e -> {
            assertThat(e.from()).isEqualTo("wan2");
            assertThat(e.to()).isEqualTo("wan1");
        });
    }

    private static org.xbill.DNS.Record reflectorRecord(InetAddress address) throws Exception {
        return new org.xbill.DNS.ARecord(org.xbill.DNS.Name.fromString("reflector." + DOMAIN + "."),
                org.xbill.DNS.DClass.IN, 30, address);
    }

    @Test
    void anAnsweredCallToTheProviderIsReInvitedOverTheNewPath() throws Exception {
        await().atMost(WAIT).until(() -> registeredFrom(wan1.publicAddress()));
        InetSocketAddress gatewaySip = gateway.listenPoints().stream()
                .filter(p -> p.address().getAddress().getHostAddress().equals("127.0.0.1")).findFirst().orElseThrow()
                .address();
        try (PhoneRuntime runtime = PhoneRuntime.start();
             LabPhone phone = LabPhone.start(PhoneSettings.of("1001", "pw1001", "127.0.0.71")
                     .withRegistrar(gatewaySip, "lab.lifeline"), runtime)) {
            phone.register().toCompletableFuture().get(10, TimeUnit.SECONDS);
            PhoneCall call = phone.call("915550123", gatewaySip);
            assertThat(call.answered().toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();

            Instant cut = wan1.blackhole(true);

            await().atMost(WAIT).until(() -> provider.observations(ProviderObservation.MediaMoved.class).stream()
                    .anyMatch(m -> m.at().isAfter(cut) && m.source().getAddress().equals(wan2.publicAddress())));
            await().atMost(WAIT).until(() -> !events(Event.CallMediaMoved.class).isEmpty());
            Event.CallMediaMoved moved = events(Event.CallMediaMoved.class).get(0);
            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.path()).isEqualTo("127.0.0.12");
            System.out.printf("  call media moved %d ms after the path switch (re-INVITE answered %d)%n",
                    moved.took().toMillis(), moved.status());
            call.hangUp().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private boolean registeredFrom(InetAddress nat) {
        return registeredFrom(nat, Instant.EPOCH);
    }

    private boolean registeredFrom(InetAddress nat, Instant after) {
        return provider.observations(ProviderObservation.RegisterAccepted.class).stream()
                .anyMatch(r -> r.source().getAddress().equals(nat) && r.at().isAfter(after));
    }

    private <T extends Event> List<T> events(Class<T> type) {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH, 10_000).stream().map(LoggedEvent::event)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> names(List<LoggedEvent> logged) {
        return logged.stream().map(e -> e.event().type()).toList();
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }
}
