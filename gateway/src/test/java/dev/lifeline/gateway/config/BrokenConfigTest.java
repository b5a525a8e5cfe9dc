package dev.lifeline.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Broken configurations, each with the one problem it must produce, at the right line and
 * column, naming the field and saying what is expected.
 */
class BrokenConfigTest {

    /** MINIMAL with the lines after "extensions:" replaced; the first extension is on line 5. */
    private static String withExtensions(String extensions) {
        return """
                site: {name: Test, countryCode: "1"}
                listen:
                  - {transport: udp, address: 127.0.0.1:5060}
                extensions:
                """ + extensions + """
                dialPlan:
                  emergency: [911]
                """;
    }

    /** MINIMAL with more sections after it; the first added line is line 8. */
    private static String plus(String more) {
        return ConfigSamples.MINIMAL + more;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("extension number with a letter", withExtensions("""
                          - number: 1001
                            password: a
                          - number: "10a1"
                            password: b
                        """), "t.yaml:7:13: extensions[1].number: \"10a1\" is not a number; expected digits, e.g. 1003"),
                Arguments.of("misspelt field", withExtensions("""
                          - number: 1001
                            pasword: a
                        """), "t.yaml:6:5: extensions[0].pasword: unknown field 'pasword'; did you mean 'password'?"),
                Arguments.of("legacy digest switch that is not yes or no", plus("""
                        security:
                          allowDigestWithoutQop: maybe
                        """), "t.yaml:9:26: security.allowDigestWithoutQop: \"maybe\" is not a yes/no value;"
                        + " expected true or false"),
                Arguments.of("misspelt top-level section", plus("""
                        trunk:
                          - {name: provider, provider: 127.0.0.1:5070, register: false}
                        """), "t.yaml:8:1: trunk: unknown field 'trunk'; did you mean 'trunks'?"),
                Arguments.of("duplicate extension number", withExtensions("""
                          - {number: 1001, password: a}
                          - {number: 1001, password: b}
                        """), "t.yaml:6:14: extensions[1].number: number 1001 is already used on line 5;"
                        + " expected each number once"),
                Arguments.of("group member that is not an extension", plus("""
                        groups:
                          - number: 600
                            members: [1001, 1002]
                        """), "t.yaml:10:21: groups[0].members[1]: 1002 is not an extension; expected the number of"
                        + " an extension defined under extensions"),
                Arguments.of("group with no members", plus("""
                        groups:
                          - number: 600
                        """), "t.yaml:9:5: groups[0].members: group 600 has no members; expected members:"
                        + " [1001, ...] or extensions listing 600 in their groups"),
                Arguments.of("DID pointing nowhere", plus("""
                        dids:
                          "+15550100": 1099
                        """), "t.yaml:9:16: dids[\"+15550100\"]: +15550100 points to 1099, which is neither an"
                        + " extension nor a group; expected a number defined under extensions or groups"),
                Arguments.of("DID not in E.164", plus("""
                        dids:
                          5550100: 1001
                        """), "t.yaml:9:3: dids[\"5550100\"]: \"5550100\" is not an E.164 number; expected '+',"
                        + " the country code and the number, e.g. +15550100"),
                Arguments.of("dial-plan rule naming a trunk that does not exist", ConfigSamples.MINIMAL.replace(
                        "  emergency: [911]\n", """
                          emergency: [911]
                          outbound:
                            - match: '9(\\d+)'
                              trunks: [provdier]
                        """) + """
                        trunks:
                          - {name: provider, provider: 127.0.0.1:5070, register: false}
                        """, "t.yaml:10:16: dialPlan.outbound[0].trunks[0]: trunk 'provdier' is not defined under"
                        + " trunks; did you mean 'provider'?"),
                Arguments.of("regex that does not compile", ConfigSamples.MINIMAL.replace(
                        "  emergency: [911]\n", "  emergency: [911]\n  internal: '[1-9\\d{3}'\n"),
                        "t.yaml:8:13: dialPlan.internal: \"[1-9\\d{3}\" is not a valid regular expression:"
                        + " Unclosed character class near index 8; expected a Java regex, e.g. 9(\\d{7,15})"),
                Arguments.of("path bound to a host name", plus("""
                        paths:
                          - name: wan1
                            bind: wan1.example.net
                            priority: 1
                        """), "t.yaml:10:11: paths[0].bind: \"wan1.example.net\" is not an IP address; expected the"
                        + " path's local address, e.g. 127.0.0.11 or 2001:db8::11"),
                Arguments.of("resolver given as a name", plus("""
                        paths:
                          - {name: wan1, bind: 127.0.0.11, priority: 1, resolvers: [dns.example.net]}
                        """), "t.yaml:9:61: paths[0].resolvers[0]: \"dns.example.net\" is not an IP address;"
                        + " expected a DNS server as ip or ip:port, e.g. 192.0.2.53 or [2001:db8::53]:53"),
                Arguments.of("two paths with one priority", plus("""
                        paths:
                          - {name: wan1, bind: 127.0.0.11, priority: 1}
                          - {name: wan2, bind: 127.0.0.12, priority: 1}
                        """), "t.yaml:10:46: paths[1].priority: priority 1 is already used on line 9;"
                        + " expected each priority once"),
                Arguments.of("missing site", """
                        listen:
                          - {transport: udp, address: 127.0.0.1:5060}
                        extensions:
                          - {number: 1001, password: a}
                        dialPlan: {emergency: [911]}
                        """, "t.yaml:1:1: site: missing; expected site: {name: ..., countryCode: \"1\"}"),
                Arguments.of("missing emergency numbers", ConfigSamples.MINIMAL.replace("  emergency: [911]\n",
                        "  internal: '1\\d{3}'\n"), "t.yaml:7:3: dialPlan.emergency: missing; expected the emergency"
                        + " numbers of this site, e.g. [911] or [112, 999]"),
                Arguments.of("missing password", withExtensions("""
                          - {number: 1001, name: Reception}
                        """), "t.yaml:5:5: extensions[0].password: missing; expected password (or ha1 with the HA1"
                        + " per algorithm)"),
                Arguments.of("duration without a unit", plus("""
                        failover:
                          holdDown: 10
                        """), "t.yaml:9:13: failover.holdDown: \"10\" has no unit; expected a whole number and a"
                        + " unit (ms, s, m, h, d), e.g. 600ms, 1s or 5m"),
                Arguments.of("DNS query timeout without a unit", plus("""
                        dns:
                          queryTimeout: 500
                        """), "t.yaml:9:17: dns.queryTimeout: \"500\" has no unit; expected a whole number and a"
                        + " unit (ms, s, m, h, d), e.g. 600ms, 1s or 5m"),
                Arguments.of("DNS attempts out of range", plus("""
                        dns:
                          queryTimeout: 1s
                          attempts: 0
                        """), "t.yaml:10:13: dns.attempts: 0 is out of range; expected 1-10"),
                Arguments.of("misspelt DNS field", plus("""
                        dns: {maxStaleness: 1h}
                        """), "t.yaml:8:7: dns.maxStaleness: unknown field 'maxStaleness'; did you mean 'maxStale'?"),
                Arguments.of("listener on a host name", ConfigSamples.MINIMAL.replace("127.0.0.1:5060", "pbx:5060"),
                        "t.yaml:3:31: listen[0].address: \"pbx:5060\" names a host; expected an IP address and port"
                        + " to bind, e.g. 127.0.0.1:5060 or [::1]:5060"),
                Arguments.of("IPv6 without brackets", ConfigSamples.MINIMAL.replace("  - {transport: udp, address: 127.0.0.1:5060}",
                        "  - transport: udp\n    address: ::1:5060"),
                        "t.yaml:4:14: listen[0].address: \"::1:5060\" is not a valid address: an IPv6 address needs"
                        + " brackets when a port may follow, e.g. [::1]:5060; expected host:port, e.g."
                        + " 127.0.0.1:5060, [::1]:5060 or sip.example.net"),
                Arguments.of("list where one value belongs", plus("""
                        storage: [a, b]
                        """), "t.yaml:8:10: storage: expected a single value; found a list"),
                Arguments.of("key given twice", plus("""
                        storage: ./a
                        storage: ./b
                        """), "t.yaml:9:1: storage: 'storage' is given twice (first on line 8); expected each key once"),
                Arguments.of("target timeout past Timer B", plus("""
                        signalling:
                          targetTimeout: 40s
                        """), "t.yaml:9:18: signalling.targetTimeout: targetTimeout 40s is longer than Timer B"
                        + " (64*T1 = 32s), which ends the INVITE first; expected at most that"),
                Arguments.of("a source rate that is not a count", plus("""
                        signalling:
                          sourceRate: lots
                        """), "t.yaml:9:15: signalling.sourceRate: \"lots\" is not a whole number from 1 to 1000000000"),
                Arguments.of("per-source TCP cap above the total", plus("""
                        signalling:
                          tcpMaxConnections: 100
                          tcpMaxPerSource: 200
                        """), "t.yaml:10:20: signalling.tcpMaxPerSource: tcpMaxPerSource (200) is more than"
                        + " tcpMaxConnections (100); expected at most that"),
                Arguments.of("TCP message timeout without a unit", plus("""
                        signalling:
                          tcpMessageTimeout: 10
                        """), "t.yaml:9:22: signalling.tcpMessageTimeout: \"10\" has no unit; expected a whole"
                        + " number and a unit (ms, s, m, h, d), e.g. 600ms, 1s or 5m"),
                Arguments.of("TLS settings on a UDP trunk", plus("""
                        trunks:
                          - name: provider
                            provider: sip.example.net
                            register: false
                            trustBundle: /etc/ca.pem
                        """), "t.yaml:12:18: trunks[0].trustBundle: is only used with transport tls; this trunk uses udp"),
                Arguments.of("TLS trunk without a trust choice", plus("""
                        trunks:
                          - name: provider
                            provider: sip.example.net
                            transport: tls
                            register: false
                        """), "t.yaml:9:5: trunks[0].trust: missing; expected what this TLS trunk trusts for the"
                        + " provider's certificate: trust: system (the JDK's public CAs),"
                        + " trust: /etc/lifeline/provider-ca.pem (a PEM bundle of the provider's CAs)"
                        + " or trust: sha256:AB:CD:... (the fingerprint of the provider's own certificate)"),
                Arguments.of("emergency number that is an extension", ConfigSamples.MINIMAL.replace("[911]",
                        "[911, 1001]"), "t.yaml:7:20: dialPlan.emergency[1]: 1001 is also an extension or group"
                        + " number; expected emergency numbers to be free, or emergency calls would stay local"),
                Arguments.of("extension numbered like an emergency number after the outside line", """
                        site: {name: Test, countryCode: "1"}
                        listen:
                          - {transport: udp, address: 127.0.0.1:5060}
                        extensions:
                          - {number: 9911, password: a}
                        dialPlan:
                          emergency: [911]
                          outbound:
                            - {match: '9(\\d{7,15})', strip: 1, trunks: [provider]}
                        trunks:
                          - {name: provider, provider: 127.0.0.1:5070, register: false}
                        """, "t.yaml:7:14: dialPlan.emergency: 9911 is an extension or group number, and also the"
                        + " emergency number 911 dialled after the outside-line code 9; expected it free (the code comes"
                        + " from the outbound rules; set outsideLine to say which codes users dial)"),
                Arguments.of("outside-line code that is not digits", ConfigSamples.MINIMAL.replace("[911]",
                        "[911]\n  outsideLine: [x]"), "t.yaml:8:17: dialPlan.outsideLine[0]: \"x\" is not a number;"
                        + " expected digits, e.g. 9"),
                Arguments.of("contact limit of zero", plus("""
                        registrar:
                          maxContacts: 0
                        """), "t.yaml:9:16: registrar.maxContacts: 0 is out of range; expected 1-100"),
                Arguments.of("call limit of zero", ConfigSamples.MINIMAL.replace("[911]",
                        "[911]\n  maxCallsPerExtension: 0"), "t.yaml:8:25: dialPlan.maxCallsPerExtension: 0 is out of"
                        + " range; expected 1-1000"),
                Arguments.of("empty file", "", "t.yaml:1:1: the file is empty; expected a YAML mapping starting"
                        + " with 'site:'"),
                Arguments.of("not a mapping", "- a\n- b\n", "t.yaml:1:1: expected a YAML mapping with site, listen,"
                        + " extensions, ...; found a list"),
                Arguments.of("unclosed quote", plus("""
                        storage: "./data
                        admin:
                          listen: 127.0.0.1:8089
                        """), "t.yaml:11:1: YAML syntax: found unexpected end of stream while scanning a quoted"
                        + " scalar that starts on line 8"),
                Arguments.of("bad indentation", """
                        site:
                          name: Test
                         countryCode: "1"
                        """, "t.yaml:3:2: YAML syntax: expected <block end>, but found '<block mapping start>' while parsing a block"
                        + " mapping that starts on line 1; check the indentation of this line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheProblemWhereItIs(String name, String yaml, String expected) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SiteConfigLoader.parse("t.yaml", yaml));

        assertThat(e).as("a ConfigException for: %s", name).isNotNull();
        assertThat(e.problems()).extracting(ConfigProblem::toString).contains(expected);
        // Each case is built to have exactly this one problem, so no cascade of follow-on noise.
        assertThat(e.problems()).hasSize(1);
    }

    @Test
    void reportsEveryProblemOfAFileInOnePassInFileOrder() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SiteConfigLoader.load(Path.of("src/test/resources/config/many-problems.yaml")));

        List<ConfigProblem> problems = e.problems();
        assertThat(problems).extracting(ConfigProblem::line)
                .containsExactly(3, 6, 7, 7, 13, 14, 16, 20, 21, 24, 25, 32, 33, 36, 39, 43, 45, 46, 48, 50, 52, 54)
                .isSorted();
        assertThat(problems).extracting(ConfigProblem::fieldPath).contains("extensions[2].number",
                "groups[0].members[1]", "dialPlan.outbound[0].trunks[0]", "paths[0].bind", "signalling.t2");
        assertThat(problems.get(0).file()).endsWith("many-problems.yaml");
        assertThat(e.getMessage()).startsWith("22 problems");
    }

    @Test
    void problemsHaveAnOrderThatFollowsTheFile() {
        assertThatThrownBy(() -> SiteConfigLoader.parse("t.yaml", withExtensions("""
                  - {number: x1, password: a}
                  - {number: x2, password: b}
                """))).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::line).containsExactly(5, 6));
    }
}
