package dev.lifeline.gateway.qos;

import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Site files the QoS tests plan for. */
final class QosSites {

    private QosSites() {
    }

    /** The project's example site: two IPv4 paths, SIP udp+tcp on 5060, RTP 10000-20000, provider on udp 5070. */
    static SiteConfig example() throws Exception {
        return SiteConfigLoader.load(Files.exists(Path.of("examples/site.yaml")) ? Path.of("examples/site.yaml")
                : Path.of("..", "examples", "site.yaml"));
    }

    /** A site with an IPv6 path, a TLS listener and trunk, a domain provider and non-default code points. */
    static SiteConfig mixed() throws Exception {
        return SiteConfigLoader.parse("mixed.yaml", """
                site: {name: Mixed, countryCode: "44", nationalPrefix: "0"}
                listen:
                  - {transport: udp, address: 192.0.2.10:5080}
                  - {transport: tls, address: 192.0.2.10:5091, certificate: /nonexistent/c.pem, key: /nonexistent/k.pem}
                extensions:
                  - {number: 2001, name: A, password: pw2001}
                trunks:
                  - {name: itsp, provider: sip.example.net, transport: tls, trust: system, username: u, password: p}
                dialPlan:
                  internal: '2\\d{3}'
                  emergency: [999]
                  outbound:
                    - {match: '9(\\d{7,15})', strip: 1, trunks: [itsp]}
                paths:
                  - {name: fibre, bind: 198.51.100.7, resolvers: ["198.51.100.53"], priority: 1}
                  - {name: lte, bind: "2001:db8::7", resolvers: ["[2001:db8::53]"], priority: 2}
                media: {rtpPorts: 16384-16483, dscp: 34}
                signalling: {dscp: 26}
                """);
    }
}
