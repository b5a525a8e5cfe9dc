package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.config.Mark;
import dev.lifeline.gateway.config.Problems;
import dev.lifeline.gateway.config.Spelling;
import dev.lifeline.gateway.config.YamlNode;
import dev.lifeline.gateway.config.YamlTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a custom scenario from YAML (the format is described in this package's documentation),
 * or fails with every problem in it, each naming the file, line, column and field as the site
 * configuration's errors do:
 *
 * <pre>{@code
 * try {
 *     Scenario s = ScenarioLoader.load(Path.of("wan-flap.yaml"));
 * } catch (ConfigException e) {
 *     e.problems().forEach(System.err::println);   // wan-flap.yaml:12:24: timeline[2].path: ...
 * }
 * }</pre>
 */
public final class ScenarioLoader {

    /** Top-level keys, in the order the writer uses. */
    static final List<String> TOP_KEYS = List.of("name", "description", "settings", "timeline", "slos");
    static final List<String> SLO_KEYS = List.of("name", "metric", "comparator", "target", "unit");
    static final List<String> KNOWN_SETTINGS = List.of(Scenario.PHONES, Scenario.STORM_PHONES, Scenario.TRUNK_TRANSPORT,
            Scenario.REFLECTOR, Scenario.PROVIDER_MEDIA);

    /** A scenario is a page of text; anything bigger is a mistake (a capture, a log). */
    static final long MAX_BYTES = 1L << 20;

    private static final String STEP = "a step: at, action and the action's fields";
    private static final Map<String, Spec> SPECS = specs();

    private ScenarioLoader() {
    }

    /**
     * Reads and validates {@code file}; problems name the file as given.
     *
     * @throws IOException     the file cannot be read (missing, unreadable, too big)
     * @throws ConfigException the file was read and is not a valid scenario
     */
    public static Scenario load(Path file) throws IOException, ConfigException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB, not a scenario");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, "",
                    "is not UTF-8 text; expected a YAML file saved as UTF-8")));
        }
        return parse(file.toString(), text);
    }

    /**
     * Validates YAML text.
     *
     * @param fileName how problems name the source, e.g. "wan-flap.yaml"
     */
    public static Scenario parse(String fileName, String yaml) throws ConfigException {
        Problems problems = new Problems(fileName);
        Optional<Fields> top = new YamlTree(problems, "scenario", "a scenario starting with 'name:'").read(yaml)
                .flatMap(root -> Fields.of(root, "", problems, TOP_KEYS,
                        "a scenario: a mapping of " + String.join(", ", TOP_KEYS)));
        Scenario scenario = top.map(t -> read(t, problems)).orElse(null);
        problems.throwIfAny();
        if (scenario == null) {
            throw new IllegalStateException("a scenario that was not built must have produced a problem");
        }
        return scenario;
    }

    private static Scenario read(Fields top, Problems problems) {
        String name = top.required("name", "the scenario's name, e.g. wan-flap", Checks::scenarioName);
        String description = top.optional("description", "", Function.identity());
        Map<String, String> settings = top.table("settings", key -> setting(key));
        checkSettings(top, settings);
        List<Step> timeline = timeline(top, problems);
        List<Slo> slos = slos(top, problems);
        // Any problem so far (an unknown top-level key included) means no scenario: building one
        // from what did read would only add complaints about what is missing because of them.
        if (problems.count() > 0) {
            return null;
        }
        try {
            return new Scenario(name, description, timeline, slos, settings);
        } catch (IllegalArgumentException e) {
            top.problem(e.getMessage());
            return null;
        }
    }

    private static String setting(String key) {
        Checks.name("setting", key);
        if (!KNOWN_SETTINGS.contains(key)) {
            Optional<String> meant = Spelling.closest(key, KNOWN_SETTINGS);
            if (meant.isPresent()) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; did you mean '" + meant.get() + "'?");
            }
        }
        return key;
    }

    private static void checkSettings(Fields top, Map<String, String> settings) {
        String phones = settings.get(Scenario.PHONES);
        if (phones != null) {
            try {
                integer(1, 10_000).apply(phones);
            } catch (IllegalArgumentException e) {
                top.problem("settings", "phones: " + e.getMessage());
            }
        }
        String storm = settings.get(Scenario.STORM_PHONES);
        if (storm != null) {
            try {
                integer(0, Scenario.MAX_STORM_PHONES).apply(storm);
            } catch (IllegalArgumentException e) {
                top.problem("settings", "stormPhones: " + e.getMessage());
            }
        }
        String transport = settings.get(Scenario.TRUNK_TRANSPORT);
        if (transport != null && !transport.matches("udp|tcp|tls")) {
            top.problem("settings", "trunkTransport " + Checks.quote(transport) + " is not one of udp, tcp, tls");
        }
        String reflector = settings.get(Scenario.REFLECTOR);
        if (reflector != null && !reflector.matches("site|none")) {
            top.problem("settings", "reflector " + Checks.quote(reflector) + " is not one of site, none");
        }
        String media = settings.get(Scenario.PROVIDER_MEDIA);
        if (media != null && !media.matches("echo|tone")) {
            top.problem("settings", "providerMedia " + Checks.quote(media) + " is not one of echo, tone");
        }
    }

    // ------------------------------------------------------------------ timeline

    private static List<Step> timeline(Fields top, Problems problems) {
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        String previousPath = null;
        for (Fields.Item item : top.items("timeline", true, STEP + " (a list of them)")) {
            Optional<Step> step = step(item, problems);
            if (step.isEmpty()) {
                continue;
            }
            Duration at = step.get().at();
            if (at.compareTo(previous) < 0) {
                problems.add(((YamlNode.Mapping) item.node()).entry("at").orElseThrow().value().mark(),
                        item.path() + ".at", Checks.format(at) + " comes before the step above it ("
                                + previousPath + " at " + Checks.format(previous) + "); list steps in time order");
            }
            previous = at;
            previousPath = item.path();
            steps.add(step.get());
        }
        return steps;
    }

    private static Optional<Step> step(Fields.Item item, Problems problems) {
        if (!(item.node() instanceof YamlNode.Mapping mapping)) {
            problems.add(item.node().mark(), item.path(), "expected " + STEP + "; found " + item.node().kind());
            return Optional.empty();
        }
        Optional<String> kind = mapping.entry("action").map(YamlNode.Entry::value)
                .filter(v -> v instanceof YamlNode.Scalar s && !s.isEmpty())
                .map(v -> ((YamlNode.Scalar) v).text().strip());
        Spec spec = kind.map(SPECS::get).orElse(null);
        List<String> known = null;
        if (spec != null) {
            known = new ArrayList<>(List.of("at", "action"));
            known.addAll(spec.fields());
        }
        int before = problems.count();
        Fields f = new Fields(mapping, item.path(), problems, known);
        Duration at = f.required("at", "when, from the scenario's start, e.g. 5s", d -> Checks.notNegative("at",
                DurationFormat.parse(d)));
        if (kind.isEmpty()) {
            f.required("action", "what to do: one of " + String.join(", ", SPECS.keySet()), Function.identity());
            return Optional.empty();
        }
        if (spec == null) {
            String hint = Spelling.closest(kind.get(), List.copyOf(SPECS.keySet()))
                    .map(k -> "did you mean '" + k + "'?")
                    .orElse("expected one of " + String.join(", ", SPECS.keySet()));
            f.problem("action", "unknown action " + Checks.quote(kind.get()) + "; " + hint);
            return Optional.empty();
        }
        Action action = null;
        try {
            action = spec.read().apply(f);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A field that failed to read (or was misspelt) is null here and its problem is recorded
            // already: a complaint about the null would only repeat it.
            if (problems.count() == before) {
                if (e instanceof NullPointerException) {
                    throw e;
                }
                // Fields that do not fit together (concurrency above count, an impairment of nothing).
                f.problem(e.getMessage());
            }
        }
        if (problems.count() > before || action == null || at == null) {
            return Optional.empty();
        }
        return Optional.of(new Step(at, action));
    }

    /** How one action is read: its fields (beyond at and action) and a reader returning null on problems. */
    private record Spec(String kind, List<String> fields, Function<Fields, Action> read) {
    }

    private static Map<String, Spec> specs() {
        List<Spec> all = List.of(
                new Spec("blackhole", List.of("path", "down"),
                        f -> new Action.Blackhole(path(f), f.optional("down", true, ScenarioLoader::bool))),
                new Spec("impair", List.of("path", "direction", "delay", "jitter", "lossPercent", "burst", "rateKbps"),
                        ScenarioLoader::impair),
                new Spec("restore", List.of("path"), f -> new Action.Restore(path(f))),
                new Spec("impairLan", List.of("extension", "direction", "lossPercent", "jitter"),
                        ScenarioLoader::impairLan),
                new Spec("natForget", List.of("path"), f -> new Action.NatForget(path(f))),
                new Spec("natPortChange", List.of("path"), f -> new Action.NatPortChange(path(f))),
                new Spec("blockSip", List.of("path"), f -> new Action.BlockSip(path(f))),
                new Spec("dnsFault", List.of("path", "mode"), f -> new Action.DnsFault(path(f),
                        f.required("mode", "none, silent, servfail or refused",
                                spelled(Action.DnsFault.Mode.class, "mode")))),
                new Spec("dnsRemove", List.of("path", "recordName", "type"), f -> new Action.DnsRemove(
                        path(f), f.required("recordName", "a name in the provider zone, e.g. _sip._udp",
                                Function.identity()),
                        f.required("type", "NAPTR, SRV, A or AAAA", spelled(Action.DnsRemove.RecordType.class, "type")))),
                new Spec("providerFault", List.of("target", "mode"), f -> new Action.ProviderFault(
                        target(f), f.required("mode", "healthy, silent, 503, 408 or dropped",
                                spelled(Action.ProviderFault.Mode.class, "mode")))),
                new Spec("providerCertificate", List.of("target", "state"), f -> new Action.ProviderCertificate(target(f), f.required("state", "expired or valid",
                                spelled(Action.ProviderCertificate.State.class, "state")))),
                new Spec("restartGateway", List.of(), f -> new Action.RestartGateway()),
                new Spec("placeCalls", List.of("from", "to", "count", "duration", "concurrency"),
                        ScenarioLoader::placeCalls),
                new Spec("hold", List.of("extension", "duration"), f -> new Action.Hold(
                        f.required("extension", "the phone that holds its calls, e.g. 1001",
                                t -> Checks.extension("extension", t)),
                        f.required("duration", "how long the calls stay on hold, e.g. 5s", ScenarioLoader::positive))),
                new Spec("inboundCalls", List.of("did", "callerIdFormat", "count", "duration"), f -> new Action.InboundCalls(
                                f.required("did", "one of the site's DIDs, e.g. \"+15550100\"", t -> Checks.e164("did", t)),
                                f.optional("callerIdFormat", Action.InboundCalls.CallerIdFormat.E164,
                                        spelled(Action.InboundCalls.CallerIdFormat.class, "callerIdFormat")),
                                f.optional("count", 1, integer(1, 10_000)),
                                f.required("duration", "how long each call is held, e.g. 10s", ScenarioLoader::positive))),
                new Spec("registerAll", List.of(), f -> new Action.RegisterAll()),
                new Spec("registrationStorm", List.of("within"), f -> new Action.RegistrationStorm(
                        f.optional("within", Duration.ofSeconds(30), ScenarioLoader::positive))),
                new Spec("optionsFlood", List.of("rate", "duration"), f -> new Action.OptionsFlood(
                        f.required("rate", "OPTIONS per second, e.g. 5000", integer(1, Action.OptionsFlood.MAX_RATE)),
                        f.required("duration", "how long, e.g. 10s", ScenarioLoader::positive))),
                new Spec("emergencyCall", List.of("from", "number"), f -> new Action.EmergencyCall(
                        f.required("from", "the calling extension, e.g. 1005", t -> Checks.extension("from", t)),
                        f.required("number", "an emergency number of the dial plan, e.g. 911",
                                t -> Checks.dialled("number", t)))),
                new Spec("wait", List.of("duration"), f -> new Action.Wait(
                        f.required("duration", "how long, e.g. 10s", ScenarioLoader::positive))),
                new Spec("mark", List.of("label"), f -> new Action.Mark(
                        f.required("label", "a short text for the report's timeline", Function.identity()))));
        Map<String, Spec> byKind = new LinkedHashMap<>();
        all.forEach(s -> byKind.put(s.kind(), s));
        return byKind;
    }

    /** Every action kind a file may name, in documentation order. */
    static List<String> kinds() {
        return List.copyOf(SPECS.keySet());
    }

    private static String path(Fields f) {
        return f.required("path", "a WAN path of the site configuration, e.g. wan1", t -> Checks.name("path", t));
    }

    private static String target(Fields f) {
        return f.required("target", "a provider target, e.g. sip1", t -> Checks.name("target", t));
    }

    private static Action impair(Fields f) {
        String path = path(f);
        Action.Impair.Direction direction = f.optional("direction", Action.Impair.Direction.BOTH,
                spelled(Action.Impair.Direction.class, "direction"));
        Duration delay = f.optional("delay", Duration.ZERO, ScenarioLoader::duration);
        Duration jitter = f.optional("jitter", Duration.ZERO, ScenarioLoader::duration);
        Double loss = f.optional("lossPercent", 0.0, t -> Checks.within("lossPercent", number(t), 0, 100));
        BurstLoss burst = f.mapping("burst", List.of("p", "r", "meanLength", "lossPercent"),
                "a mapping {p, r} or {meanLength, lossPercent}").map(ScenarioLoader::burst).orElse(
                        f.has("burst") ? null : BurstLoss.NONE);
        Long rate = f.optional("rateKbps", 0L, t -> (long) integer(0, 100_000_000).apply(t));
        if (path == null || direction == null || delay == null || jitter == null || loss == null || burst == null
                || rate == null) {
            return null;
        }
        return new Action.Impair(path, direction, delay, jitter, loss, burst, rate);
    }

    private static Action impairLan(Fields f) {
        String extension = f.required("extension", "a phone's extension, e.g. 1001, or all",
                t -> Action.ImpairLan.ALL.equals(t) ? t : Checks.extension("extension", t));
        Action.Impair.Direction direction = f.optional("direction", Action.Impair.Direction.BOTH,
                spelled(Action.Impair.Direction.class, "direction"));
        Double loss = f.optional("lossPercent", 0.0, t -> Checks.within("lossPercent", number(t), 0, 100));
        Duration jitter = f.optional("jitter", Duration.ZERO, ScenarioLoader::duration);
        if (extension == null || direction == null || loss == null || jitter == null) {
            return null;
        }
        return new Action.ImpairLan(extension, direction, loss, jitter);
    }

    private static BurstLoss burst(Fields b) {
        boolean pr = b.has("p") || b.has("r");
        boolean mean = b.has("meanLength") || b.has("lossPercent");
        if (pr && mean) {
            b.problem("give either p and r, or meanLength and lossPercent, not both");
            return null;
        }
        try {
            if (mean) {
                Double length = b.required("meanLength", "mean packets per burst, e.g. 4", ScenarioLoader::number);
                Double loss = b.required("lossPercent", "long-run loss in bursts, in percent, e.g. 2",
                        ScenarioLoader::number);
                return length == null || loss == null ? null : BurstLoss.ofMeanLength(length, loss);
            }
            Double p = b.required("p", "probability of entering a burst after a packet, 0..1", ScenarioLoader::number);
            Double r = b.required("r", "probability of leaving a burst after a packet, 0..1", ScenarioLoader::number);
            return p == null || r == null ? null : new BurstLoss(p, r);
        } catch (IllegalArgumentException e) {
            b.problem(e.getMessage());
            return null;
        }
    }

    private static Action placeCalls(Fields f) {
        List<String> from;
        if (f.peek("from").filter("any"::equalsIgnoreCase).isPresent()) {
            from = List.of();
        } else {
            from = f.values("from", false, "the calling extensions, or any",
                    t -> Checks.extension("from", t));
        }
        String to = f.required("to", "the number dialled, e.g. 1002 or \"+15557000\"", t -> Checks.dialled("to", t));
        Integer count = f.optional("count", 1, integer(1, 10_000));
        Duration duration = f.required("duration", "how long each call is held, e.g. 30s", ScenarioLoader::positive);
        Integer concurrency = f.optional("concurrency", count, integer(1, 10_000));
        if (to == null || count == null || duration == null || concurrency == null) {
            return null;
        }
        return new Action.PlaceCalls(from, to, count, duration, concurrency);
    }

    // ------------------------------------------------------------------ SLOs

    private static List<Slo> slos(Fields top, Problems problems) {
        List<Slo> slos = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Fields.Item item : top.items("slos", true, "expectations: name, metric, comparator, target, unit")) {
            int before = problems.count();
            Optional<Fields> f = Fields.of(item.node(), item.path(), problems, SLO_KEYS,
                    "an SLO: a mapping of " + String.join(", ", SLO_KEYS));
            if (f.isEmpty()) {
                continue;
            }
            String name = f.get().required("name", "how the report calls it, e.g. detection", t -> Checks.text("name", t));
            String metric = f.get().required("metric", "a metric name, e.g. detection_s", Metrics::requireName);
            Slo.Comparator comparator = f.get().required("comparator", "\"<=\", \">=\" or \"==\" (quoted)",
                    spelled(Slo.Comparator.class, "comparator"));
            Double target = f.get().required("target", "a number, e.g. 1.5", ScenarioLoader::number);
            String unit = f.get().optional("unit", "", Function.identity());
            if (name != null && seen.containsKey(name)) {
                f.get().problem("name", "SLO name " + Checks.quote(name) + " is already used by " + seen.get(name)
                        + "; expected each SLO named once");
            } else if (name != null) {
                seen.put(name, item.path());
            }
            if (problems.count() > before) {
                continue;
            }
            try {
                slos.add(new Slo(name, metric, comparator, target, unit));
            } catch (IllegalArgumentException e) {
                f.get().problem(e.getMessage());
            }
        }
        return slos;
    }

    // ------------------------------------------------------------------ value parsers

    private static <E extends Enum<E> & Spelled> Function<String, E> spelled(Class<E> type, String what) {
        return text -> Spelled.parse(type, what, text);
    }

    private static Duration duration(String text) {
        return Checks.notNegative("duration", DurationFormat.parse(text));
    }

    private static Duration positive(String text) {
        return Checks.positive("duration", DurationFormat.parse(text));
    }

    static double number(String text) {
        if (!text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            throw new IllegalArgumentException(Checks.quote(text) + " is not a number; expected e.g. 3, 0.25 or 1.5");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(Checks.quote(text) + " is too large; expected a finite number");
        }
        return value;
    }

    static Function<String, Integer> integer(int min, int max) {
        return text -> {
            if (!text.matches("-?\\d{1,10}")) {
                throw new IllegalArgumentException(Checks.quote(text) + " is not a whole number; expected " + min + "-" + max);
            }
            long n = Long.parseLong(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " is out of range; expected " + min + "-" + max);
            }
            return (int) n;
        };
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(Checks.quote(text) + " is not a yes/no value; expected true or false");
        };
    }
}
