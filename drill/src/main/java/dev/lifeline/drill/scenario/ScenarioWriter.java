package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a scenario as the YAML {@link ScenarioLoader} reads back to an equal value: one line per
 * step and per SLO, fields that hold their default left out. Used by {@code drill --list} to show
 * a built-in scenario as a starting point for a custom one.
 */
public final class ScenarioWriter {

    private static final List<String> YAML_WORDS = List.of("true", "false", "yes", "no", "on", "off", "y", "n",
            "null", "~");

    private ScenarioWriter() {
    }

    /** The scenario as YAML text, ending with a newline. */
    public static String write(Scenario scenario) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(scalar(scenario.name())).append('\n');
        if (!scenario.description().isEmpty()) {
            sb.append("description: ").append(quoted(scenario.description())).append('\n');
        }
        if (!scenario.settings().isEmpty()) {
            sb.append("settings:\n");
            for (Map.Entry<String, String> e : scenario.settings().entrySet()) {
                sb.append("  ").append(e.getKey()).append(": ").append(scalar(e.getValue())).append('\n');
            }
        }
        sb.append("timeline:\n");
        for (Step step : scenario.timeline()) {
            List<String> fields = new ArrayList<>();
            fields.add("at: " + Checks.format(step.at()));
            fields.add("action: " + step.action().kind());
            fields.addAll(fields(step.action()));
            sb.append("  - { ").append(String.join(", ", fields)).append(" }\n");
        }
        sb.append("slos:\n");
        for (Slo slo : scenario.slos()) {
            sb.append("  - { name: ").append(scalar(slo.name()))
                    .append(", metric: ").append(slo.metric())
                    .append(", comparator: ").append(quoted(slo.comparator().symbol()))
                    .append(", target: ").append(Checks.plain(slo.target()));
            if (!slo.unit().isEmpty()) {
                sb.append(", unit: ").append(scalar(slo.unit()));
            }
            sb.append(" }\n");
        }
        return sb.toString();
    }

    private static List<String> fields(Action action) {
        List<String> f = new ArrayList<>();
        switch (action) {
            case Action.Blackhole a -> {
                f.add("path: " + scalar(a.path()));
                if (!a.down()) {
                    f.add("down: false");
                }
            }
            case Action.Impair a -> {
                f.add("path: " + scalar(a.path()));
                if (a.direction() != Action.Impair.Direction.BOTH) {
                    f.add("direction: " + a.direction().spelling());
                }
                if (!a.delay().isZero()) {
                    f.add("delay: " + Checks.format(a.delay()));
                }
                if (!a.jitter().isZero()) {
                    f.add("jitter: " + Checks.format(a.jitter()));
                }
                if (a.lossPercent() != 0) {
                    f.add("lossPercent: " + Checks.plain(a.lossPercent()));
                }
                if (!a.burst().equals(BurstLoss.NONE)) {
                    f.add("burst: " + burst(a.burst()));
                }
                if (a.rateKbps() != 0) {
                    f.add("rateKbps: " + a.rateKbps());
                }
            }
            case Action.Restore a -> f.add("path: " + scalar(a.path()));
            case Action.ImpairLan a -> {
                f.add("extension: " + scalar(a.extension()));
                if (a.direction() != Action.Impair.Direction.BOTH) {
                    f.add("direction: " + a.direction().spelling());
                }
                if (a.lossPercent() != 0) {
                    f.add("lossPercent: " + Checks.plain(a.lossPercent()));
                }
                if (!a.jitter().isZero()) {
                    f.add("jitter: " + Checks.format(a.jitter()));
                }
            }
            case Action.NatForget a -> f.add("path: " + scalar(a.path()));
            case Action.NatPortChange a -> f.add("path: " + scalar(a.path()));
            case Action.OptionsFlood a -> {
                f.add("rate: " + a.rate());
                f.add("duration: " + Checks.format(a.duration()));
            }
            case Action.RegistrationStorm a -> f.add("within: " + Checks.format(a.within()));
            case Action.BlockSip a -> f.add("path: " + scalar(a.path()));
            case Action.DnsFault a -> {
                f.add("path: " + scalar(a.path()));
                f.add("mode: " + a.mode().spelling());
            }
            case Action.DnsRemove a -> {
                f.add("path: " + scalar(a.path()));
                f.add("recordName: " + scalar(a.recordName()));
                f.add("type: " + a.type().spelling());
            }
            case Action.ProviderFault a -> {
                f.add("target: " + scalar(a.target()));
                f.add("mode: " + scalar(a.mode().spelling()));
            }
            case Action.ProviderCertificate a -> {
                f.add("target: " + scalar(a.target()));
                f.add("state: " + a.state().spelling());
            }
            case Action.RestartGateway a -> { }
            case Action.PlaceCalls a -> {
                if (!a.fromAnyPhone()) {
                    f.add("from: [" + String.join(", ", a.from()) + "]");
                }
                f.add("to: " + scalar(a.to()));
                if (a.count() != 1) {
                    f.add("count: " + a.count());
                }
                f.add("duration: " + Checks.format(a.duration()));
                if (a.concurrency() != a.count()) {
                    f.add("concurrency: " + a.concurrency());
                }
            }
            case Action.InboundCalls a -> {
                f.add("did: " + scalar(a.did()));
                if (a.callerIdFormat() != Action.InboundCalls.CallerIdFormat.E164) {
                    f.add("callerIdFormat: " + a.callerIdFormat().spelling());
                }
                if (a.count() != 1) {
                    f.add("count: " + a.count());
                }
                f.add("duration: " + Checks.format(a.duration()));
            }
            case Action.Hold a -> {
                f.add("extension: " + scalar(a.extension()));
                f.add("duration: " + Checks.format(a.duration()));
            }
            case Action.RegisterAll a -> { }
            case Action.EmergencyCall a -> {
                f.add("from: " + scalar(a.from()));
                f.add("number: " + scalar(a.number()));
            }
            case Action.Wait a -> f.add("duration: " + Checks.format(a.duration()));
            case Action.Mark a -> f.add("label: " + scalar(a.label()));
        }
        return f;
    }

    /** As mean length and loss when those read back to the same model (they are what people write), else p and r. */
    private static String burst(BurstLoss b) {
        if (b.active()) {
            double length = Math.rint(b.meanLength() * 1000) / 1000;
            double loss = Math.rint(b.lossPercent() * 1000) / 1000;
            try {
                if (BurstLoss.ofMeanLength(length, loss).equals(b)) {
                    return "{ meanLength: " + Checks.plain(length) + ", lossPercent: " + Checks.plain(loss) + " }";
                }
            } catch (IllegalArgumentException e) {
                // Not expressible that way (e.g. a loss of 99 % or more): p and r below.
            }
        }
        return "{ p: " + Checks.plain(b.p()) + ", r: " + Checks.plain(b.r()) + " }";
    }

    /** Plain when YAML reads it back as the same text inside a flow mapping, double-quoted otherwise. */
    static String scalar(String text) {
        if (text.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return quoted(text);
    }

    static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
