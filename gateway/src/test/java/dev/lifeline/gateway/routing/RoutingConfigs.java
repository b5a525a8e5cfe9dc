package dev.lifeline.gateway.routing;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;

/** Site configurations for routing tests. */
final class RoutingConfigs {

    /** NANP site: extensions 1001-1004, ring-all 600, sequential 610, two trunks and an analogue emergency line. */
    static final String SITE = """
            site: {name: Test, countryCode: "1", nationalPrefix: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, name: Reception, password: pw1001}
              - {number: 1002, name: Front desk, password: pw1002}
              - {number: 1003, name: Manager, password: pw1003}
              - {number: 1004, name: Office, password: pw1004}
            groups:
              - {number: 600, name: Reception, strategy: ring-all, members: [1001, 1002], critical: true, ringTimeout: 3s}
              - {number: 610, name: Hunt, strategy: sequential, members: [1001, 1002], ringTimeout: 400ms}
            dids:
              "+15550100": 1001
              "+15550199": 600
            trunks:
              - {name: provider, provider: 127.0.0.1:5070, username: site1, password: trunkpw, priority: 1}
              - {name: backup, provider: 127.0.0.1:5071, register: false, priority: 2,
                 callerId: {outbound: national, inbound: e164}}
              - {name: pots, provider: 127.0.0.1:5072, register: false, priority: 3}
            dialPlan:
              internal: '[1-9]\\d{3}'
              emergency: [911, 112]
              outbound:
                - {match: '9(\\d{7,15})', strip: 1, trunks: [provider, backup]}
                - {match: '00(\\d{7,15})', strip: 2, prefix: '+', trunks: [provider]}
                - {match: '\\+\\d{7,15}', trunks: [provider]}
              whenNoTrunk: {emergencyTrunk: pots, emergencyGroup: 600}
            storage: ./target/routing-test
            """;

    private RoutingConfigs() {
    }

    static SiteConfig site() {
        return parse(SITE);
    }

    static SiteConfig parse(String yaml) {
        try {
            return SiteConfigLoader.parse("routing-test.yaml", yaml);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
