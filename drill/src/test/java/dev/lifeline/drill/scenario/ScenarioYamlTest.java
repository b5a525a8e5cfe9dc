package dev.lifeline.drill.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.Mark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioYamlTest {

    static Stream<Scenario> builtIn() {
        return BuiltInSuite.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIn")
    void everyBuiltInScenarioReadsBackEqualFromItsYaml(Scenario scenario) throws ConfigException {
        String yaml = ScenarioWriter.write(scenario);

        assertThat(ScenarioLoader.parse(scenario.name() + ".yaml", yaml)).isEqualTo(scenario);
    }

    @Test
    void everyActionAndOddTextRoundTrips() throws ConfigException {
        Scenario odd = new Scenario("every-action", "Quotes \" and \\ and\na second line: yes",
                List.of(
                        step(0, new Action.Blackhole("wan1", false)),
                        step(0, new Action.Impair("wan2", Action.Impair.Direction.UP, Duration.ofMillis(35),
                                Duration.ofMillis(7), 0.1, new BurstLoss(0.013, 0.3), 256)),
                        step(0, Action.Impair.loss("wan1", 1e-4)),
                        step(1, new Action.Restore("wan1")),
                        step(1, new Action.ImpairLan("all", Action.Impair.Direction.BOTH, 5, Duration.ZERO)),
                        step(1, new Action.ImpairLan("1002", Action.Impair.Direction.UP, 0.5, Duration.ofMillis(30))),
                        step(1, new Action.ImpairLan("1002", Action.Impair.Direction.BOTH, 0, Duration.ZERO)),
                        step(1, new Action.NatForget("wan1")),
                        step(1, new Action.NatPortChange("wan1")),
                        step(1, new Action.BlockSip("wan1")),
                        step(2, new Action.DnsFault("wan1", Action.DnsFault.Mode.REFUSED)),
                        step(2, new Action.DnsRemove("wan1", "@", Action.DnsRemove.RecordType.NAPTR)),
                        step(2, new Action.ProviderFault("sip2", Action.ProviderFault.Mode.SERVICE_UNAVAILABLE)),
                        step(2, new Action.ProviderFault("sip2", Action.ProviderFault.Mode.DROPPED)),
                        step(2, new Action.ProviderCertificate("sip1", Action.ProviderCertificate.State.EXPIRED)),
                        step(3, new Action.RestartGateway()),
                        step(3, new Action.RegisterAll()),
                        step(3, new Action.PlaceCalls(List.of("1001", "1002"), "915550123", 5, Duration.ofMillis(1500), 2)),
                        step(3, new Action.InboundCalls("+15550199", Action.InboundCalls.CallerIdFormat.ANONYMOUS, 2,
                                Duration.ofSeconds(3))),
                        step(3, new Action.Hold("1001", Duration.ofMillis(4500))),
                        step(4, new Action.EmergencyCall("1003", "112")),
                        step(4, new Action.Mark("yes")),
                        step(4, new Action.Mark("a: b, {c} # d")),
                        step(5, new Action.Wait(Duration.ofMinutes(2)))),
                List.of(new Slo("true", "x_y", Slo.Comparator.EQUAL, -0.5, "%"),
                        new Slo("mos", Metrics.MOS_MIN, Slo.Comparator.AT_LEAST, 3.7, "")),
                Map.of("phones", "3", "trunkTransport", "tls", "other-key", "a value"));

        assertThat(ScenarioLoader.parse("odd.yaml", ScenarioWriter.write(odd))).isEqualTo(odd);
    }

    @Test
    void theExampleFileLoads() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("..", "examples", "drills", "custom-wan-flap.yaml"));

        assertThat(s.name()).isEqualTo("custom-wan-flap");
        assertThat(s.settings()).containsEntry("phones", "4");
        assertThat(s.timeline()).hasSize(9);
        assertThat(s.timeline().get(1).action()).isEqualTo(new Action.PlaceCalls(List.of("1001", "1002"),
                "+15557000", 2, Duration.ofSeconds(40), 2));
        assertThat(s.timeline().get(6).action()).isEqualTo(new Action.Impair("wan2", Action.Impair.Direction.BOTH,
                Duration.ofMillis(30), Duration.ofMillis(5), 1, BurstLoss.NONE, 0));
        assertThat(s.slos()).extracting(Slo::describe).contains("mos_mean >= 3.8 MOS");
        assertThat(s.length()).isEqualTo(Duration.ofSeconds(45));
        assertThat(SiteCheck.problems(s, dev.lifeline.gateway.config.SiteConfigLoader.load(
                Path.of("..", "examples", "site.yaml")))).isEmpty();
    }

    @Test
    void shorthandsAndDefaults() throws ConfigException {
        Scenario s = ScenarioLoader.parse("s.yaml", """
                name: s
                timeline:
                  - { at: 0s, action: placeCalls, from: any, to: 1002, duration: 5s }
                  - { at: 1s, action: blackhole, path: wan1 }
                  - { at: 2s, action: impair, path: wan1, burst: { meanLength: 4, lossPercent: 2 } }
                  - { at: 3s, action: inboundCalls, did: "+15550100", duration: 2s }
                slos:
                  - { name: d, metric: detection_s, comparator: at_most, target: 1 }
                """.replace("at_most", "\"<=\""));

        assertThat(s.timeline()).extracting(Step::action).containsExactly(
                new Action.PlaceCalls(List.of(), "1002", 1, Duration.ofSeconds(5), 1),
                new Action.Blackhole("wan1", true),
                new Action.Impair("wan1", Action.Impair.Direction.BOTH, Duration.ZERO, Duration.ZERO, 0,
                        BurstLoss.ofMeanLength(4, 2), 0),
                new Action.InboundCalls("+15550100", Action.InboundCalls.CallerIdFormat.E164, 1, Duration.ofSeconds(2)));
        assertThat(s.slos().get(0).unit()).isEmpty();
        assertThat(s.description()).isEmpty();
    }

    @Test
    void impairLanReadsItsFieldsAndNamesABadExtensionWithLine() throws ConfigException {
        Scenario s = ScenarioLoader.parse("lan.yaml", """
                name: lan
                timeline:
                  - { at: 0s, action: impairLan, extension: all, lossPercent: 5 }
                  - { at: 1s, action: impairLan, extension: 1001, direction: up, jitter: 40ms }
                slos:
                  - { name: d, metric: failovers, comparator: "==", target: 0 }
                """);

        assertThat(s.timeline()).extracting(Step::action).containsExactly(
                new Action.ImpairLan("all", Action.Impair.Direction.BOTH, 5, Duration.ZERO),
                new Action.ImpairLan("1001", Action.Impair.Direction.UP, 0, Duration.ofMillis(40)));
        assertThat(s.timeline().get(0).action().isFault()).isTrue();
        assertThat(s.timeline().get(0).action().describe()).isEqualTo("impair the LAN of every phone loss 5%");

        List<ConfigProblem> problems = problems("""
                name: flap
                timeline:
                  - { at: 0s, action: impairLan, extension: "phone one", lossPercent: 101 }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1 }
                """);
        assertThat(problems).extracting(ConfigProblem::fieldPath)
                .containsExactly("timeline[0].extension", "timeline[0].lossPercent");
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isEqualTo(3));

        assertThat(problems("""
                name: flap
                settings: { providerMedia: loud }
                timeline:
                  - { at: 0s, action: impairLan, extension: all, lossPercent: 5 }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1 }
                """)).extracting(ConfigProblem::toString).singleElement().asString()
                .contains("providerMedia \"loud\" is not one of echo, tone");
    }

    // ------------------------------------------------------------------ problems

    @Test
    void aBadFieldIsNamedWithLineAndColumn() {
        List<ConfigProblem> problems = problems("""
                name: flap
                timeline:
                  - { at: 0s, action: blackhole, path: wan1 }
                  - { at: 5s, action: restore, path: "wan 1" }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1 }
                """);

        assertThat(problems).hasSize(1);
        ConfigProblem p = problems.get(0);
        assertThat(p.file()).isEqualTo("flap.yaml");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isEqualTo(38);
        assertThat(p.fieldPath()).isEqualTo("timeline[1].path");
        assertThat(p.toString()).isEqualTo("flap.yaml:4:38: timeline[1].path: path \"wan 1\" is not a usable name;"
                + " expected letters, digits, '-', '_' or '.', e.g. wan1");
    }

    @Test
    void everyProblemIsFoundInOnePass() {
        List<ConfigProblem> problems = problems("""
                name: Flap Test
                settings:
                  phone: 4
                timeline:
                  - at: 5
                    action: blackhole
                    path: wan1
                  - { at: 1s, action: blackhol, path: wan1 }
                  - { at: 2s, action: placeCalls, to: 1002, count: 2, duration: 5s, concurrency: 3 }
                  - { at: 3s, action: impair, path: wan1, lossPercent: 101, dealy: 5ms }
                  - { at: 4s, action: dnsFault, path: wan1, mode: nxdomain }
                  - { at: 5s, action: wait }
                slos:
                  - { name: d, metric: detection_s, comparator: "<", target: 1 }
                  - { name: d, metric: audio_gap_s, comparator: "<=", target: one }
                extra: 1
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "flap.yaml:1:7: name: scenario name \"Flap Test\" is not usable; expected lower-case letters, digits"
                        + " and '-', e.g. wan-total-loss",
                "flap.yaml:3:3: settings.phone: unknown setting 'phone'; did you mean 'phones'?",
                "flap.yaml:5:9: timeline[0].at: \"5\" has no unit; expected a whole number and a unit (ms, s, m, h, d),"
                        + " e.g. 600ms, 1s or 5m",
                "flap.yaml:8:23: timeline[1].action: unknown action \"blackhol\"; did you mean 'blackhole'?",
                "flap.yaml:9:5: timeline[2]: concurrency 3 is more than count 2; expected at most as many calls at"
                        + " once as there are calls",
                "flap.yaml:10:56: timeline[3].lossPercent: lossPercent must be between 0 and 100, got 101",
                "flap.yaml:10:61: timeline[3].dealy: unknown field 'dealy'; did you mean 'delay'?",
                "flap.yaml:11:51: timeline[4].mode: mode \"nxdomain\" is not one of none, silent, servfail, refused",
                "flap.yaml:12:5: timeline[5].duration: missing; expected how long, e.g. 10s",
                "flap.yaml:14:49: slos[0].comparator: comparator \"<\" is not one of <=, >=, ==",
                "flap.yaml:15:13: slos[1].name: SLO name \"d\" is already used by slos[0]; expected each SLO named once",
                "flap.yaml:15:63: slos[1].target: \"one\" is not a number; expected e.g. 3, 0.25 or 1.5",
                "flap.yaml:16:1: extra: unknown field 'extra'; expected one of name, description, settings,"
                        + " timeline, slos");
    }

    @Test
    void aMisspeltFieldIsOneProblemNotACascade() {
        assertThat(problems("""
                name: flap
                timeline:
                  - { at: 1s, action: restore, pth: wan1 }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", traget: 1 }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "flap.yaml:3:32: timeline[0].pth: unknown field 'pth'; did you mean 'path'?",
                "flap.yaml:5:55: slos[0].traget: unknown field 'traget'; did you mean 'target'?");
    }

    @Test
    void stepsOutOfOrderPointAtTheLaterOne() {
        assertThat(problems("""
                name: flap
                timeline:
                  - { at: 5s, action: blackhole, path: wan1 }
                  - { at: 2s, action: restore, path: wan1 }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1 }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "flap.yaml:4:11: timeline[1].at: 2s comes before the step above it (timeline[0] at 5s);"
                        + " list steps in time order");
    }

    @Test
    void missingSectionsAreNamed() {
        assertThat(problems("name: flap\n")).extracting(ConfigProblem::toString).containsExactly(
                "flap.yaml:1:1: timeline: missing; expected a step: at, action and the action's fields (a list of them)",
                "flap.yaml:1:1: slos: missing; expected expectations: name, metric, comparator, target, unit");
        assertThat(problems("")).extracting(ConfigProblem::message)
                .containsExactly("the file is empty; expected a scenario starting with 'name:'");
        assertThat(problems("- a\n- b\n")).extracting(ConfigProblem::message).containsExactly(
                "expected a scenario: a mapping of name, description, settings, timeline, slos; found a list");
    }

    @Test
    void anUnquotedComparatorIsASyntaxErrorWithAHint() {
        List<ConfigProblem> problems = problems("""
                name: flap
                timeline:
                  - { at: 0s, action: wait, duration: 1s }
                slos:
                  - name: d
                    metric: detection_s
                    comparator: >=
                    target: 1
                """);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isEqualTo(7);
        assertThat(problems.get(0).message()).startsWith("YAML syntax:").contains("must be quoted");
    }

    @Test
    void duplicateKeysAndBurstsGivenTwoWays() {
        assertThat(problems("""
                name: flap
                name: flap2
                timeline:
                  - { at: 0s, action: impair, path: wan1, burst: { p: 0.1, r: 0.5, meanLength: 3 } }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1 }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "flap.yaml:2:1: name: 'name' is given twice (first on line 1); expected each key once",
                "flap.yaml:4:50: timeline[0].burst: give either p and r, or meanLength and lossPercent, not both");
    }

    @Test
    void holdReadsItsFieldsAndNamesWhatIsMissingWithLine() throws ConfigException {
        Scenario s = ScenarioLoader.parse("hold.yaml", """
                name: hold
                timeline:
                  - { at: 0s, action: placeCalls, from: [1001], to: "+15557000", duration: 9s }
                  - { at: 2s, action: hold, extension: 1001, duration: 5s }
                slos:
                  - { name: h, metric: held_calls, comparator: "==", target: 1 }
                """);

        assertThat(s.timeline().get(1).action()).isEqualTo(new Action.Hold("1001", Duration.ofSeconds(5)));
        assertThat(s.timeline().get(1).action().describe()).isEqualTo("1001 holds its calls for 5s");
        assertThat(s.timeline().get(1).action().isFault()).isFalse();
        assertThat(s.length()).isEqualTo(Duration.ofSeconds(9));

        List<ConfigProblem> problems = problems("""
                name: hold
                timeline:
                  - { at: 2s, action: hold, extension: "the boss" }
                slos:
                  - { name: h, metric: held_calls, comparator: "==", target: 1 }
                """);
        assertThat(problems).extracting(ConfigProblem::fieldPath)
                .containsExactlyInAnyOrder("timeline[0].extension", "timeline[0].duration");
        assertThat(problems).allSatisfy(p -> assertThat(p.line()).isEqualTo(3));
    }

    @Test
    void theReflectorSettingIsSiteOrNone() throws ConfigException {
        String yaml = """
                name: field
                settings: { reflector: %s }
                timeline:
                  - { at: 1s, action: blackhole, path: wan1 }
                slos:
                  - { name: d, metric: detection_s, comparator: "<=", target: 1, unit: s }
                """;
        assertThat(ScenarioLoader.parse("field.yaml", yaml.formatted("none")).setting(Scenario.REFLECTOR)).contains("none");
        assertThat(problems(yaml.formatted("off"))).extracting(ConfigProblem::toString)
                .singleElement().asString().contains("reflector \"off\" is not one of site, none");
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            ScenarioLoader.parse("flap.yaml", yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    private static Step step(int seconds, Action action) {
        return new Step(Duration.ofSeconds(seconds), action);
    }

    @Test
    void unreadableFilesAreIoErrorsNotProblems() {
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("no-such-scenario.yaml")))
                .isInstanceOf(java.io.IOException.class);
    }
}
