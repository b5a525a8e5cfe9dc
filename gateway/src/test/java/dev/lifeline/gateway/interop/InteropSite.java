package dev.lifeline.gateway.interop;

import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.AdminSettings;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.HostPort;
import dev.lifeline.gateway.config.Listener;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.LoggedEvent;
import dev.lifeline.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The site the interop tests run: a NANP site with extensions 1001 and 1002, DID +15550100 to
 * 1001, and (when a provider is given) one registering trunk "provider" as site1/trunkpw with
 * the outside line 9 + number. SIP and admin on ephemeral 127.0.0.1 ports, state in a temp dir.
 * Phones are challenged with MD5 only: baresip 1.0 gives up on a 401 that also offers SHA-256.
 */
final class InteropSite {

    static final String REALM = "lifeline.interop";

    private InteropSite() {
    }

    static SiteConfig config(Path storage, Optional<String> provider) {
        String trunks = provider.map(p -> """
                trunks:
                  - {name: provider, provider: "%s", transport: udp, register: true, username: site1, password: trunkpw,
                     expires: 10m, callerId: {outbound: e164, inbound: national}}
                """.formatted(p)).orElse("");
        String outbound = provider.isPresent() ? """
                  outbound:
                    - {match: '9(\\d{7,15})', strip: 1, trunks: [provider]}
                """ : "";
        String yaml = """
                site: {name: Interop site, countryCode: "1", nationalPrefix: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                  - {number: 1001, name: Reception, password: pw1001}
                  - {number: 1002, name: Front desk, password: pw1002}
                dids:
                  "+15550100": 1001
                %sdialPlan:
                  internal: '[1-9]\\d{3}'
                  emergency: [911]
                %sregistrar: {realm: %s, digestAlgorithms: [md5]}
                media: {rtpPorts: 31000-31999}
                """.formatted(trunks, outbound, REALM);
        SiteConfig c;
        try {
            c = SiteConfigLoader.parse("interop-site.yaml", yaml);
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

    static InetSocketAddress udp(Gateway gateway) {
        return gateway.listenPoints().stream().filter(p -> p.transport() == Transport.UDP).findFirst().orElseThrow()
                .address();
    }

    static List<Event> events(Gateway gateway) {
        gateway.events().flush().join();
        return gateway.events().since(Instant.EPOCH).stream().map(LoggedEvent::event).toList();
    }

    static <T extends Event> List<T> events(Gateway gateway, Class<T> type) {
        return events(gateway).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
