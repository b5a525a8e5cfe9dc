package dev.lifeline.gateway.config;

/** Small configurations for tests. */
final class ConfigSamples {

    /** The smallest valid file: everything else takes its default. */
    static final String MINIMAL = """
            site: {name: Test, countryCode: "1"}
            listen:
              - {transport: udp, address: 127.0.0.1:5060}
            extensions:
              - {number: 1001, password: a}
            dialPlan:
              emergency: [911]
            """;

    private ConfigSamples() {
    }
}
