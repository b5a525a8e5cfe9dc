package dev.lifeline.gateway.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line is a {@code # HELP},
 * a {@code # TYPE} or a sample; a sample must belong to a family declared by a TYPE before it
 * (histograms by their _bucket, _count and _sum); names and label names must be valid; label
 * values must be quoted with only \\, \" and \n escapes. Anything else fails with the line.
 */
public record Exposition(Map<String, String> types, List<Sample> samples) {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");

    public static Exposition parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if (line.startsWith("#")) {
                throw new AssertionError("line " + n + ": unknown comment: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (family(name, types).isEmpty()) {
                    throw new AssertionError("line " + n + ": sample " + name + " has no TYPE before it");
                }
                samples.add(new Sample(name, labels(m.group(3) == null ? "" : m.group(3), n), value(m.group(4), n)));
            } else {
                throw new AssertionError("line " + n + ": not a sample: " + line);
            }
        }
        return new Exposition(types, samples);
    }

    private static Optional<String> family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return Optional.of(sample);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sample.endsWith(suffix)) {
                String f = sample.substring(0, sample.length() - suffix.length());
                String t = types.get(f);
                if ("histogram".equals(t) || "summary".equals(t)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> labels(String text, int n) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new AssertionError("line " + n + ": bad labels: {" + text + "}");
            }
            out.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
            at = m.end();
        }
        return out;
    }

    private static double value(String text, int n) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + n + ": bad value " + text);
                }
            }
        };
    }

    /** The one sample with this name whose labels include {@code labels} (name=value pairs). */
    public double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + " " + List.of(labels) + " in " + samples);
        }
        return found.get(0).value();
    }

    public List<Sample> find(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** Family names, and for histograms their sample names too: what a query may name. */
    public java.util.Set<String> names() {
        java.util.Set<String> out = new java.util.TreeSet<>(types.keySet());
        samples.forEach(s -> out.add(s.name()));
        return out;
    }
}
