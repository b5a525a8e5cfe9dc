package dev.lifeline.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lifeline.gateway.config.WanPath;
import io.netty.channel.epoll.Epoll;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** A path with interface: asks its resolvers through sockets pinned to the device, from its address. */
class PinnedDnsSocketTest {

    private final DnsLab lab = new DnsLab();
    private FakeDnsServer server;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll");
        server = FakeDnsServer.start("127.0.0.21");
        server.a("sip.provider.test", "192.0.2.10", 300);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPinnedPathGetsItsAnswerFromItsAddress() throws Exception {
        PathResolver wan1 = resolver("lo");

        DnsAnswer answer = wan1.lookup("sip.provider.test", RecordType.A).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(answer.addresses()).containsExactly(InetAddress.getByName("192.0.2.10"));
        assertThat(server.queries()).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo(InetAddress.getByName("127.0.0.11"));
            assertThat(q.type()).isEqualTo(Type.A);
        });
    }

    @Test
    void aDeviceThatCannotBePinnedFailsTheLookupNamingItAndSendsNothing() throws Exception {
        PathResolver wan1 = resolver("nosuch9");

        assertThatThrownBy(() -> wan1.lookup("sip.provider.test", RecordType.A).toCompletableFuture()
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("interface nosuch9");
        assertThat(server.queries()).isEmpty();
    }

    private PathResolver resolver(String device) throws Exception {
        WanPath path = new WanPath("wan1", InetAddress.getByName("127.0.0.11"), Optional.of(device),
                List.of(server.address()), 1);
        // One attempt, with room for the first pinned socket's set-up on a loaded machine.
        return new PathResolver(path, DnsSettings.DEFAULTS.withQueryTimeout(java.time.Duration.ofSeconds(3)).withAttempts(1),
                lab.clock, lab.events::accept);
    }
}
