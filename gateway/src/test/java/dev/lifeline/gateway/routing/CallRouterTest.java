package dev.lifeline.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.routing.RouteDecision.TrunkAttempt;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The routing table: who dials what, with which trunks up, and where the call goes. */
class CallRouterTest {

    private static final Caller EXT_1003 = new Caller.Extension("1003");
    private static final Caller EXT_1001 = new Caller.Extension("1001");
    private static final Caller PROVIDER = new Caller.Trunk("provider");

    private final CallRouter router = new CallRouter(RoutingConfigs.site());

    static Stream<Arguments> table() {
        return Stream.of(
                // caller, dialled, To user, calling, trunks up, decision
                row("extension to extension", EXT_1001, "1002", "1002", "1001", "all", "ext 1002 <- 1001"),
                row("extension to itself is still local", EXT_1001, "1001", "1001", "1001", "none", "ext 1001 <- 1001"),
                row("ring-all group", EXT_1003, "600", "600", "1003", "none", "group 600 <- 1003"),
                row("sequential group", EXT_1003, "610", "610", "1003", "none", "group 610 <- 1003"),
                row("internal but unassigned", EXT_1001, "1999", "1999", "1001", "all", "reject 404"),
                row("local without any trunk", EXT_1001, "1002", "1002", "1001", "none", "ext 1002 <- 1001"),
                row("9 + national: E.164 on the way out, caller ID the extension's DID", EXT_1001, "915550123", "x", "1001",
                        "all", "trunk provider +15550123 <- +15550100 | backup 15550123 <- 15550100"),
                row("9 + number without national prefix", EXT_1001, "95550123", "x", "1001", "all",
                        "trunk provider +15550123 <- +15550100 | backup 15550123 <- 15550100"),
                row("visual separators are ignored", EXT_1001, "9-555-0123", "x", "1001", "all",
                        "trunk provider +15550123 <- +15550100 | backup 15550123 <- 15550100"),
                row("caller ID of a group member without a DID of its own", EXT_1001, "95550123", "x", "1002", "provider",
                        "trunk provider +15550123 <- +15550100"),
                row("caller ID falls back to the site's first DID", EXT_1003, "95550123", "x", "1003", "provider",
                        "trunk provider +15550123 <- +15550100"),
                row("first trunk down: the next in the rule", EXT_1001, "95550123", "x", "1001", "backup",
                        "trunk backup 15550123 <- 15550100"),
                row("00 international: strip and prefix", EXT_1001, "004930123456", "x", "1001", "all",
                        "trunk provider +4930123456 <- +15550100"),
                row("E.164 dialled as is", EXT_1001, "+4930123456", "x", "1001", "all", "trunk provider +4930123456 <- +15550100"),
                row("own DID dialled out stays local", EXT_1003, "+15550100", "x", "1003", "all", "ext 1001 <- 1003"),
                row("own group DID nationally stays local", EXT_1003, "915550199", "x", "1003", "none", "group 600 <- 1003"),
                row("no trunk reachable: 503 at once", EXT_1001, "95550123", "x", "1001", "none", "reject 503"),
                row("nothing matches", EXT_1001, "12", "12", "1001", "all", "reject 404"),
                row("emergency: every trunk by priority, the emergency line last, then the group", EXT_1001, "911", "911", "1001",
                        "all", "emergency 911 provider,backup,pots then 600"),
                row("emergency with only the emergency line", EXT_1001, "112", "112", "1001", "pots", "emergency 112 pots then 600"),
                row("emergency with no trunk at all: the group", EXT_1001, "911", "911", "1001", "none", "emergency 911 - then 600"),
                row("emergency after the outside line, though 9911 fits the internal pattern", EXT_1001, "9911", "9911",
                        "1001", "all", "emergency 911 provider,backup,pots then 600"),
                row("every emergency number after the outside line", EXT_1003, "9112", "9112", "1003", "none",
                        "emergency 112 - then 600"),
                row("an international prefix is not an outside line", EXT_1001, "00911", "00911", "1001", "all",
                        "reject 404"),
                row("inbound DID to extension, caller shown nationally", PROVIDER, "+15550100", "+15550100", "+15559876",
                        "all", "ext 1001 <- 15559876"),
                row("inbound DID to group", PROVIDER, "+15550199", "+15550199", "+15559876", "all", "group 600 <- 15559876"),
                row("inbound DID in national form", PROVIDER, "15550100", "15550100", "+15559876", "all", "ext 1001 <- 15559876"),
                row("inbound DID only in To (Request-URI is the registered contact)", PROVIDER, "site1", "+15550100",
                        "+15559876", "all", "ext 1001 <- 15559876"),
                row("foreign caller stays international", PROVIDER, "+15550100", "+15550100", "+4930123456", "all",
                        "ext 1001 <- +4930123456"),
                row("trunk with e164 inbound presentation", new Caller.Trunk("backup"), "+15550100", "+15550100", "15559876",
                        "all", "ext 1001 <- +15559876"),
                row("anonymous caller passes as is", PROVIDER, "+15550100", "+15550100", "anonymous", "all",
                        "ext 1001 <- anonymous"),
                row("trunk dialling out again: toll fraud refused", PROVIDER, "+4930123456", "+4930123456", "+15559876",
                        "all", "reject 403"),
                row("trunk dialling 9 + number: refused", PROVIDER, "915550123", "915550123", "+15559876", "all", "reject 403"),
                row("trunk dialling an emergency number: refused", PROVIDER, "911", "911", "+15559876", "all", "reject 403"),
                row("trunk dialling 9 + emergency: refused", PROVIDER, "9911", "9911", "+15559876", "all", "reject 403"),
                row("trunk dialling an extension directly: not a DID", PROVIDER, "1002", "1002", "+15559876", "all", "reject 404"),
                row("unknown trunk", new Caller.Trunk("nobody"), "+15550100", "+15550100", "+15559876", "all", "reject 403"));
    }

    private static Arguments row(String name, Caller caller, String dialled, String to, String calling, String up,
                                 String expected) {
        return Arguments.of(name, caller, dialled, to, calling, up, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void routes(String name, Caller caller, String dialled, String to, String calling, String up, String expected) {
        RouteDecision decision = router.route(new CallRouter.Request(caller, dialled, to, calling), trunks(up));

        assertThat(render(decision)).isEqualTo(expected);
    }

    /** A site that lets drills inject faults, with 1003 as the drill's test extension and +15550103 its DID. */
    private static CallRouter drillSite(boolean faultInjection) {
        return new CallRouter(RoutingConfigs.parse(RoutingConfigs.SITE
                .replace("  \"+15550199\": 600", "  \"+15550199\": 600\n  \"+15550103\": 1003")
                + "paths:\n  - {name: wan1, bind: 127.0.0.11, priority: 1}\n  - {name: wan2, bind: 127.0.0.12, priority: 2}\n"
                + "admin: {listen: 127.0.0.1:8089, faultInjection: " + faultInjection + "}\n"
                + "drill: {testExtension: 1003, testPassword: pw1003, testNumber: \"+18005550199\", did: \"+15550103\"}\n"));
    }

    @Test
    void theDrillsTestExtensionMaySendACallToTheSitesOwnDidOutThroughTheProvider() {
        CallRouter router = drillSite(true);
        FakeTrunkDirectory all = trunks("all");

        assertThat(router.route(new CallRouter.Request(EXT_1003, "+15550103", "x", "1003", true), all).describe())
                .isEqualTo("trunk provider");
        // Without asking, and for anyone else asking, the own DID rings here directly as always.
        assertThat(router.route(new CallRouter.Request(EXT_1003, "+15550103", "x", "1003", false), all).describe())
                .isEqualTo("internal");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "+15550103", "x", "1001", true), all).describe())
                .isEqualTo("internal");
        assertThat(router.mayAskViaProvider(PROVIDER)).isFalse();
    }

    @Test
    void withoutFaultInjectionNobodyMaySendAnOwnDidCallOut() {
        CallRouter router = drillSite(false);

        assertThat(router.mayAskViaProvider(EXT_1003)).isFalse();
        assertThat(router.route(new CallRouter.Request(EXT_1003, "+15550103", "x", "1003", true), trunks("all")).describe())
                .isEqualTo("internal");
    }

    @Test
    void noReachableTrunkNamesWhyForEveryTrunkOfTheRule() {
        FakeTrunkDirectory trunks = new FakeTrunkDirectory()
                .down("provider", "registration failing: timeout").down("backup", "path wan1 down");

        RouteDecision decision = router.route(new CallRouter.Request(EXT_1001, "95550123", "x", "1001"), trunks);

        assertThat(decision).isEqualTo(new RouteDecision.Reject(503, "Service Unavailable: "
                + "trunk provider: registration failing: timeout; trunk backup: path wan1 down"));
    }

    @Test
    void emergencyWithoutTrunkOrFallbackIs503WithTheReason() {
        CallRouter bare = new CallRouter(RoutingConfigs.parse(RoutingConfigs.SITE.replace(
                "whenNoTrunk: {emergencyTrunk: pots, emergencyGroup: 600}", "")));

        RouteDecision decision = bare.route(new CallRouter.Request(EXT_1001, "911", "911", "1001"),
                new FakeTrunkDirectory().down("provider", "no registration"));

        assertThat(decision).isInstanceOf(RouteDecision.Reject.class);
        RouteDecision.Reject reject = (RouteDecision.Reject) decision;
        assertThat(reject.status()).isEqualTo(503);
        assertThat(reject.reason()).contains("emergency", "trunk provider: no registration", "no emergency fallback");
    }

    /** examples/site.yaml as shipped: 9 is the outside line, 4-digit numbers are internal. */
    @ParameterizedTest(name = "{0} dialled on the example site")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"911", "9911", "112", "9112"})
    void theExampleSiteRoutesEmergencyNumbersWithAndWithoutTheOutsideLine(String dialled) throws Exception {
        CallRouter example = new CallRouter(dev.lifeline.gateway.config.SiteConfigLoader.load(
                java.nio.file.Path.of("..", "examples", "site.yaml")));
        String number = dialled.length() == 4 ? dialled.substring(1) : dialled;

        RouteDecision up = example.route(new CallRouter.Request(EXT_1001, dialled, dialled, "1001"),
                new FakeTrunkDirectory().up("provider"));
        RouteDecision down = example.route(new CallRouter.Request(EXT_1001, dialled, dialled, "1001"),
                new FakeTrunkDirectory().down("provider", "every path down"));

        assertThat(render(up)).isEqualTo("emergency " + number + " provider then 600");
        assertThat(render(down)).isEqualTo("emergency " + number + " - then 600");
    }

    @Test
    void describesRoutesForStatus() {
        FakeTrunkDirectory all = trunks("all");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "1002", "", "1001"), all).describe()).isEqualTo("internal");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "600", "", "1001"), all).describe()).isEqualTo("group 600");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "95550123", "", "1001"), all).describe())
                .isEqualTo("trunk provider");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "911", "", "1001"), all).describe())
                .isEqualTo("emergency via provider");
        assertThat(router.route(new CallRouter.Request(EXT_1001, "911", "", "1001"), trunks("none")).describe())
                .isEqualTo("emergency to group 600");
    }

    private static FakeTrunkDirectory trunks(String up) {
        FakeTrunkDirectory d = new FakeTrunkDirectory();
        for (String name : List.of("provider", "backup", "pots")) {
            if (up.equals("all") || up.equals(name)) {
                d.up(name);
            } else {
                d.down(name, "down for the test");
            }
        }
        return d;
    }

    private static String render(RouteDecision d) {
        return switch (d) {
            case RouteDecision.ToExtension e -> "ext " + e.number() + " <- " + e.callerId();
            case RouteDecision.ToGroup g -> "group " + g.group().number() + " <- " + g.callerId();
            case RouteDecision.ToTrunk t -> "trunk " + t.attempts().stream()
                    .map(a -> a.route().name() + " " + a.number() + " <- " + a.callerId())
                    .collect(Collectors.joining(" | "));
            case RouteDecision.Emergency e -> "emergency " + e.number() + " "
                    + (e.attempts().isEmpty() ? "-" : e.attempts().stream().map(TrunkAttempt::route)
                            .map(TrunkDirectory.TrunkRoute::name).collect(Collectors.joining(",")))
                    + e.fallback().map(g -> " then " + g.number()).orElse("");
            case RouteDecision.Reject r -> "reject " + r.status();
        };
    }
}
