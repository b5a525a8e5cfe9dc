package dev.lifeline.drill.scenario;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Any scenario the model accepts is written as YAML that reads back equal; any text read as a
 * scenario gives a scenario or located problems, never another exception.
 */
class ScenarioYamlProperties {

    private static final String ODD = "aZ09 -_.:#,{}[]\"'\\|>&*!%@`?~\t\u00e9\u2014\u00b1";

    @Test
    void anyValidScenarioRoundTrips() {
        qt().withFixedSeed(11).withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Scenario scenario = randomScenario(new SplittableRandom(seed));
            String yaml = ScenarioWriter.write(scenario);
            try {
                Scenario back = ScenarioLoader.parse("random.yaml", yaml);
                if (!back.equals(scenario)) {
                    throw new AssertionError("read back differently:\n" + yaml + "\n" + back);
                }
            } catch (ConfigException e) {
                throw new AssertionError("written YAML was refused:\n" + yaml + "\n" + e.getMessage(), e);
            }
        });
    }

    @Test
    void mangledFilesGiveProblemsNotExceptions() throws Exception {
        String example = Files.readString(Path.of("..", "examples", "drills", "custom-wan-flap.yaml"));
        qt().withFixedSeed(5).withExamples(400).forAll(longs().all(), integers().between(1, 6)).checkAssert((seed, edits) -> {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(example);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, ODD.charAt(random.nextInt(ODD.length())));
                    default -> text.setCharAt(at, ODD.charAt(random.nextInt(ODD.length())));
                }
            }
            try {
                ScenarioLoader.parse("mangled.yaml", text.toString());
            } catch (ConfigException e) {
                for (ConfigProblem p : e.problems()) {
                    if (p.line() < 1 || p.message().isBlank() || !p.file().equals("mangled.yaml")) {
                        throw new AssertionError("badly located problem " + p + " in:\n" + text);
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("exception instead of a problem for:\n" + text, e);
            }
        });
    }

    static Scenario randomScenario(SplittableRandom r) {
        List<Step> steps = new ArrayList<>();
        long at = 0;
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            at += r.nextInt(3) == 0 ? 0 : r.nextLong(1, 20_000);
            steps.add(new Step(Duration.ofMillis(at), randomAction(r)));
        }
        List<Slo> slos = new ArrayList<>();
        int m = 1 + r.nextInt(4);
        for (int i = 0; i < m; i++) {
            slos.add(new Slo("slo " + i + " " + text(r), "metric_" + r.nextInt(100),
                    Slo.Comparator.values()[r.nextInt(3)], number(r), r.nextBoolean() ? "" : text(r).strip()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            settings.put("phones", Integer.toString(1 + r.nextInt(50)));
        }
        if (r.nextBoolean()) {
            settings.put("custom-" + r.nextInt(9), text(r));
        }
        return new Scenario("random-" + r.nextInt(1000), r.nextBoolean() ? "" : text(r), steps, slos, settings);
    }

    private static Action randomAction(SplittableRandom r) {
        String path = "wan" + r.nextInt(1, 4);
        String target = "sip" + r.nextInt(1, 3);
        Duration d = Duration.ofMillis(r.nextLong(1, 60_000));
        return switch (r.nextInt(17)) {
            case 0 -> new Action.Blackhole(path, r.nextBoolean());
            case 1 -> new Action.Impair(path, Action.Impair.Direction.values()[r.nextInt(3)],
                    Duration.ofMillis(r.nextInt(500)), Duration.ofMillis(r.nextInt(100)), 0.5 + r.nextInt(200) / 4.0,
                    r.nextBoolean() ? BurstLoss.NONE : r.nextBoolean()
                            ? new BurstLoss(r.nextDouble(), r.nextDouble(0.01, 1))
                            : BurstLoss.ofMeanLength(1 + r.nextInt(10), r.nextInt(20)),
                    r.nextInt(3) == 0 ? r.nextLong(1, 100_000) : 0);
            case 2 -> new Action.Restore(path);
            case 3 -> new Action.NatForget(path);
            case 4 -> new Action.NatPortChange(path);
            case 5 -> new Action.BlockSip(path);
            case 6 -> new Action.DnsFault(path, Action.DnsFault.Mode.values()[r.nextInt(4)]);
            case 7 -> new Action.DnsRemove(path, r.nextBoolean() ? "_sip._udp" : "@",
                    Action.DnsRemove.RecordType.values()[r.nextInt(4)]);
            case 8 -> new Action.ProviderFault(target, Action.ProviderFault.Mode.values()[r.nextInt(5)]);
            case 9 -> new Action.ProviderCertificate(target, Action.ProviderCertificate.State.values()[r.nextInt(2)]);
            case 10 -> new Action.RestartGateway();
            case 11 -> {
                int count = 1 + r.nextInt(10);
                List<String> from = r.nextBoolean() ? List.of() : List.of("100" + r.nextInt(10), "1010");
                yield new Action.PlaceCalls(from, r.nextBoolean() ? "+1555" + r.nextInt(10_000) : "600", count, d,
                        1 + r.nextInt(count));
            }
            case 12 -> new Action.InboundCalls("+1555010" + r.nextInt(10),
                    Action.InboundCalls.CallerIdFormat.values()[r.nextInt(3)], 1 + r.nextInt(3), d);
            case 13 -> new Action.RegisterAll();
            case 14 -> new Action.EmergencyCall("1001", r.nextBoolean() ? "911" : "112");
            case 15 -> new Action.Wait(d);
            default -> new Action.Mark("m " + text(r));
        };
    }

    /** A short text made of characters YAML treats specially. */
    private static String text(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            char c = ODD.charAt(r.nextInt(ODD.length()));
            sb.append(c == '\t' ? ' ' : c);
        }
        return sb.toString();
    }

    private static double number(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(100);
            case 1 -> r.nextDouble() * 10;
            case 2 -> -r.nextDouble(1e6);
            default -> r.nextDouble() * 1e-5;
        };
    }
}
