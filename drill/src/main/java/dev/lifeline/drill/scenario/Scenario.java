package dev.lifeline.drill.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One drill: a timeline of actions against the lab and the expectations (SLOs) its measurements
 * are judged by. Built-in ones come from {@link BuiltInSuite}, custom ones from YAML through
 * {@link ScenarioLoader}.
 *
 * @param name        stable identifier, lower case and '-' (e.g. {@code wan-total-loss}); reports key on it
 * @param description what failure it stands for and what users should not notice, one or two sentences
 * @param timeline    the steps, in time order (steps at the same instant run in the order listed)
 * @param slos        what must hold at the end; at least one, names distinct
 * @param settings    lab settings for this scenario, keys as in {@link #PHONES}, {@link #STORM_PHONES}, {@link #TRUNK_TRANSPORT},
 *                    {@link #REFLECTOR} and {@link #PROVIDER_MEDIA};
 *                    a runner ignores keys it does not know (and should say so)
 */
public record Scenario(String name, String description, List<Step> timeline, List<Slo> slos,
                       Map<String, String> settings) {

    /** Setting: how many simulated phones register before the first step (default: one per extension). */
    public static final String PHONES = "phones";
    /**
     * Setting: how many storm phones the lab adds (0 to {@link #MAX_STORM_PHONES}; default 0):
     * light simulated phones, each an extension added to the lab's site, spread over many
     * loopback addresses and registered before the first step, for {@code registrationStorm}.
     */
    public static final String STORM_PHONES = "stormPhones";
    /** The most storm phones a scenario may ask for. */
    public static final int MAX_STORM_PHONES = 20_000;
    /** Setting: the trunk's transport for this scenario, udp, tcp or tls (default: the site config's). */
    public static final String TRUNK_TRANSPORT = "trunkTransport";

    /**
     * Setting: {@code none} runs the scenario without a quality-probe reflector, whatever the site
     * configures — the field case, where the provider runs none and the gateway must judge its
     * paths from OPTIONS and the calls' own media; {@code site} (default) keeps the site's choice.
     */
    public static final String REFLECTOR = "reflector";

    /**
     * Setting: what the lab provider sends on an answered call: {@code echo} (default) returns
     * what arrives, {@code tone} sends its own test tone whatever arrives — as a real far end
     * does, so that loss on the site's side does not come back as loss on the provider's stream.
     */
    public static final String PROVIDER_MEDIA = "providerMedia";

    /** A timeline longer than this is almost surely a unit slip ("5m" for "5s"). */
    public static final Duration MAX_LENGTH = Duration.ofHours(1);

    public Scenario {
        Checks.scenarioName(name);
        description = Objects.requireNonNull(description, "description").strip();
        timeline = Checks.list("timeline", timeline);
        slos = Checks.list("slos", slos);
        Objects.requireNonNull(settings, "settings");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> copy.put(Checks.name("setting", k),
                Objects.requireNonNull(v, () -> "setting " + k).strip()));
        settings = Collections.unmodifiableMap(copy);
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name + " has no steps; expected a timeline of at least one step");
        }
        for (int i = 1; i < timeline.size(); i++) {
            Duration before = timeline.get(i - 1).at();
            Duration at = timeline.get(i).at();
            if (at.compareTo(before) < 0) {
                throw new IllegalArgumentException("step " + (i + 1) + " at " + Checks.format(at)
                        + " comes before the previous step at " + Checks.format(before) + "; list steps in time order");
            }
        }
        if (slos.isEmpty()) {
            throw new IllegalArgumentException("scenario " + name
                    + " has no SLOs; expected at least one expectation, or it would pass without checking anything");
        }
        Set<String> seen = new HashSet<>();
        for (Slo slo : slos) {
            if (!seen.add(slo.name())) {
                throw new IllegalArgumentException("SLO name " + Checks.quote(slo.name())
                        + " is used twice; expected each SLO named once");
            }
        }
        Duration length = length(timeline);
        if (length.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("scenario " + name + " lasts " + Checks.format(length)
                    + "; expected at most " + Checks.format(MAX_LENGTH) + " (check the units: 5m is minutes)");
        }
    }

    /** How long the scenario runs: until the last step's {@link Step#end()}. */
    public Duration length() {
        return length(timeline);
    }

    private static Duration length(List<Step> timeline) {
        return timeline.stream().map(Step::end).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** A setting's value, if the scenario sets it. */
    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * The latest step at or before {@code t} whose action is a fault: the instant a measured time
     * such as {@code detection_s} counts from.
     */
    public Optional<Step> faultAtOrBefore(Duration t) {
        Step found = null;
        for (Step s : timeline) {
            if (s.at().compareTo(t) > 0) {
                break;
            }
            if (s.action().isFault()) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The WAN paths the timeline names, in order of first use. */
    public Set<String> paths() {
        Set<String> paths = new LinkedHashSet<>();
        timeline.forEach(s -> pathOf(s.action()).ifPresent(paths::add));
        return Collections.unmodifiableSet(paths);
    }

    /** The WAN path an action works on, if it works on one. */
    static Optional<String> pathOf(Action action) {
        return Optional.ofNullable(switch (action) {
            case Action.Blackhole a -> a.path();
            case Action.Impair a -> a.path();
            case Action.Restore a -> a.path();
            case Action.NatForget a -> a.path();
            case Action.NatPortChange a -> a.path();
            case Action.BlockSip a -> a.path();
            case Action.DnsFault a -> a.path();
            case Action.DnsRemove a -> a.path();
            default -> null;
        });
    }

    /** The provider targets the timeline names, in order of first use. */
    public Set<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        for (Step s : timeline) {
            switch (s.action()) {
                case Action.ProviderFault a -> targets.add(a.target());
                case Action.ProviderCertificate a -> targets.add(a.target());
                default -> { }
            }
        }
        return Collections.unmodifiableSet(targets);
    }

    /**
     * Judges measured metrics against this scenario's SLOs, in their order, then the checks their
     * zero counts need to mean anything ({@link Attempts}: what they count was attempted as planned).
     */
    public List<SloResult> evaluate(Metrics metrics) {
        List<SloResult> results = new ArrayList<>(slos.size());
        for (Slo slo : slos) {
            results.add(slo.evaluate(metrics));
        }
        results.addAll(Attempts.checks(slos, metrics));
        return List.copyOf(results);
    }
}
