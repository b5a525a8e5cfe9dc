package dev.lifeline.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path whose interface: cannot be used stops the gateway with one line before any socket opens. */
class PathInterfaceStartTest {

    private static final String SITE = """
            site: {name: Pinned site, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, name: Reception, password: pw1001}
            trunks:
              - {name: provider, provider: "127.0.0.1:5070", transport: udp, register: true, username: site1,
                 password: trunkpw, priority: 1}
            paths:
              - {name: wan1, bind: 127.0.0.2, interface: nosuch9, priority: 1}
            dialPlan: {emergency: [911]}
            registrar: {realm: pinned.test}
            """;

    @TempDir
    Path dir;

    @Test
    void aMissingDeviceStopsTheStartNamingThePathAndTheDevice() throws Exception {
        assumeTrue(Epoll.isAvailable(), "SO_BINDTODEVICE needs Linux with native epoll");
        assertThatThrownBy(() -> Gateway.start(TestSites.config(dir.resolve("data"), SITE)).close())
                .isInstanceOf(GatewayStartException.class)
                .hasMessageStartingWith("path wan1: ")
                .hasMessageContaining("interface nosuch9")
                .hasMessageContaining("No such device")
                .hasMessageContaining("ip link")
                .hasMessageNotContaining("\n");
    }
}
