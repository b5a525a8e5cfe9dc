package dev.lifeline.bench.load;

import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * A generated site for the load tests: {@code phones} extensions (10001, 10002, … with password
 * "pw" + number), SIP over UDP and the admin API on 127.0.0.1 ephemeral ports, state in a
 * temporary directory. Bans are set as high as allowed: the load answers every challenge
 * right, so only a bug would trip them.
 */
public final class BenchSite {

    public static final String REALM = "bench.lifeline";
    static final int FIRST_NUMBER = 10001;

    private BenchSite() {
    }

    public static String number(int index) {
        return Integer.toString(FIRST_NUMBER + index);
    }

    public static String password(String number) {
        return "pw" + number;
    }

    public static SiteConfig config(int phones, Path storage) {
        StringBuilder yaml = new StringBuilder("""
                site: {name: Bench site, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                registrar: {realm: %s}
                dialPlan: {emergency: [911]}
                security: {banAfterFailures: 1000, failureWindow: 1m, banDuration: 1m}
                extensions:
                """.formatted(REALM));
        IntStream.range(0, phones).mapToObj(BenchSite::number).forEach(n ->
                yaml.append("  - {number: ").append(n).append(", password: ").append(password(n)).append("}\n"));
        SiteConfig c;
        try {
            c = SiteConfigLoader.parse("bench-site.yaml", yaml.toString());
        } catch (ConfigException e) {
            throw new IllegalStateException("the generated bench site does not load: " + e.problems(), e);
        }
        HostPort ephemeral = new HostPort("127.0.0.1", OptionalInt.of(0));
        List<Listener> listen = c.listen().stream().map(l -> new Listener(l.transport(), ephemeral, l.tls())).toList();
        AdminSettings admin = new AdminSettings(ephemeral, Optional.empty(), Optional.empty());
        return new SiteConfig(c.site(), listen, c.extensions(), c.groups(), c.dids(), c.trunks(), c.dialPlan(),
                c.paths(), c.failover(), c.registrar(), c.security(), storage, admin, c.media(), c.signalling());
    }
}
