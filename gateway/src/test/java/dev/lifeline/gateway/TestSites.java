package dev.lifeline.gateway;

import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.KeepaliveMethod;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.RegistrarSettings;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Site configurations for socket tests: SIP and admin on 127.0.0.1 ephemeral ports, storage in a temp directory. */
public final class TestSites {

    public static final String REALM = "test.lifeline";

    static final String YAML = """
            site: {name: Test site, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
              - {transport: tcp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, name: Reception, password: pw1001}
              - {number: 1002, name: Front desk, password: pw1002}
              - {number: 1003, name: Manager, password: pw1003}
            dialPlan:
              emergency: [911]
            registrar: {realm: test.lifeline}
            security: {banAfterFailures: 5, failureWindow: 1m, banDuration: 15m}
            """;

    private TestSites() {
    }

    /** The test site with ephemeral ports and its state in {@code storage}. */
    public static SiteConfig config(Path storage) {
        return config(storage, YAML);
    }

    /** A site written by the test ({@code yaml}), with SIP and admin on ephemeral ports and its state in {@code storage}. */
    public static SiteConfig config(Path storage, String yaml) {
        SiteConfig c;
        try {
            c = SiteConfigLoader.parse("test-site.yaml", yaml);
        } catch (ConfigException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
        List<Listener> ephemeral = c.listen().stream()
                .map(l -> new Listener(l.transport(), new HostPort("127.0.0.1", OptionalInt.of(0)), l.tls())).toList();
        AdminSettings admin = new AdminSettings(new HostPort("127.0.0.1", OptionalInt.of(0)), Optional.empty(),
                Optional.empty());
        return new SiteConfig(c.site(), ephemeral, c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(),
                c.paths(), c.failover(), c.registrar(), c.security(), storage, admin, c.media(), c.signalling(), c.dns());
    }

    /** The same site with another keepalive interval and method. */
    public static SiteConfig withKeepalive(SiteConfig c, Duration interval, KeepaliveMethod method) {
        RegistrarSettings r = c.registrar();
        RegistrarSettings changed = new RegistrarSettings(r.realm(), r.minExpires(), r.maxExpires(), r.defaultExpires(),
                r.expiryBandLow(), r.expiryBandHigh(), interval, method);
        return new SiteConfig(c.site(), c.listen(), c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(),
                c.paths(), c.failover(), changed, c.security(), c.storage(), c.admin(), c.media(), c.signalling(), c.dns());
    }
}
