package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.FieldPath;
import dev.lifeline.gateway.config.Mark;
import dev.lifeline.gateway.config.Problems;
import dev.lifeline.gateway.config.Spelling;
import dev.lifeline.gateway.config.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One YAML mapping being read into a record: typed look-ups by key that record a problem
 * (at the value, or at the mapping when the key is missing) instead of throwing, so that every
 * mistake in a file is found in one pass. A look-up that failed returns null or empty; the caller
 * compares {@link Problems#count()} before and after to know whether it can build its record.
 * Parsers are functions that throw {@link IllegalArgumentException} saying what was expected.
 */
final class Fields {

    private final YamlNode.Mapping node;
    private final String path;
    private final Problems problems;
    private final List<String> misspelt = new ArrayList<>();

    /** Reads {@code node}, reporting at once any key not in {@code known} (null: any key is data). */
    Fields(YamlNode.Mapping node, String path, Problems problems, List<String> known) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        rejectUnknown(known);
    }

    /** The mapping at {@code node}, or empty with a problem when something else is written there. */
    static Optional<Fields> of(YamlNode node, String path, Problems problems, List<String> known, String expectation) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new Fields(m, path, problems, known));
        }
        problems.add(node.mark(), path, "expected " + expectation + "; found " + node.kind());
        return Optional.empty();
    }

    String path(String key) {
        return FieldPath.child(path, key);
    }

    String path() {
        return path;
    }

    Mark where() {
        return node.mark();
    }

    /** True when the key is present with a non-empty value. */
    boolean has(String key) {
        return node.entry(key).map(e -> !(e.value() instanceof YamlNode.Scalar s && s.isEmpty())).orElse(false);
    }

    /** The text of a single value, without parsing it or reporting anything. */
    Optional<String> peek(String key) {
        return node.entry(key).map(YamlNode.Entry::value)
                .filter(v -> v instanceof YamlNode.Scalar s && s.text() != null)
                .map(v -> ((YamlNode.Scalar) v).text().strip());
    }

    /** The keys written, in file order. */
    List<String> keys() {
        return List.copyOf(node.entries().keySet());
    }

    Mark whereOf(String key) {
        return node.entry(key).map(e -> e.value().mark()).orElse(node.mark());
    }

    void problem(String key, String message) {
        problems.add(whereOf(key), path(key), message);
    }

    /** A problem with this mapping as a whole (fields that do not fit together). */
    void problem(String message) {
        problems.add(node.mark(), path, message);
    }

    /** A required single value; null (with a problem) when missing or invalid. */
    <T> T required(String key, String expectation, Function<String, T> parse) {
        if (!has(key)) {
            if (!misspelt.contains(key)) {
                problems.add(node.mark(), path(key), "missing; expected " + expectation);
            }
            return null;
        }
        return parse(key, parse).orElse(null);
    }

    /** An optional single value, {@code fallback} when absent; null (with a problem) when invalid. */
    <T> T optional(String key, T fallback, Function<String, T> parse) {
        return has(key) ? parse(key, parse).orElse(null) : fallback;
    }

    /** An optional sub-mapping: empty when absent, or (with a problem) when not a mapping. */
    Optional<Fields> mapping(String key, List<String> known, String expectation) {
        if (!has(key)) {
            return Optional.empty();
        }
        return of(node.entry(key).orElseThrow().value(), path(key), problems, known, expectation);
    }

    /** The items of a list; a single value stands for a list of one. */
    List<Item> items(String key, boolean required, String expectation) {
        Optional<YamlNode.Entry> entry = node.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlNode.Scalar s && s.isEmpty()) {
            if (required && !misspelt.contains(key)) {
                problems.add(node.mark(), path(key), "missing; expected " + expectation);
            }
            return List.of();
        }
        YamlNode value = entry.get().value();
        if (value instanceof YamlNode.Sequence seq) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                items.add(new Item(seq.items().get(i), FieldPath.index(path(key), i)));
            }
            if (items.isEmpty() && required) {
                problems.add(value.mark(), path(key), "is empty; expected " + expectation);
            }
            return items;
        }
        if (value instanceof YamlNode.Scalar) {
            return List.of(new Item(value, path(key)));
        }
        problems.add(value.mark(), path(key), "expected a list (" + expectation + "); found " + value.kind());
        return List.of();
    }

    /** A list of single values; invalid items are left out, with a problem each. */
    <T> List<T> values(String key, boolean required, String expectation, Function<String, T> parse) {
        List<T> result = new ArrayList<>();
        for (Item item : items(key, required, expectation)) {
            scalar(item.node(), item.path()).flatMap(text -> apply(parse, text, item.node().mark(), item.path()))
                    .ifPresent(result::add);
        }
        return result;
    }

    /** A mapping whose keys are data (settings): each key with its scalar value. */
    Map<String, String> table(String key, Function<String, String> keyCheck) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        Optional<YamlNode.Entry> entry = node.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlNode.Scalar s && s.text() == null) {
            return result;
        }
        if (!(entry.get().value() instanceof YamlNode.Mapping m)) {
            problem(key, "expected a mapping of names to values; found " + entry.get().value().kind());
            return result;
        }
        for (YamlNode.Entry e : m.entries().values()) {
            String p = FieldPath.child(path(key), e.key());
            Optional<String> k = apply(keyCheck, e.key(), e.keyMark(), p);
            Optional<String> v = scalar(e.value(), p);
            if (k.isPresent() && v.isPresent()) {
                result.put(k.get(), v.get());
            }
        }
        return result;
    }

    /** A list item with its field path. */
    record Item(YamlNode node, String path) {
    }

    private <T> Optional<T> parse(String key, Function<String, T> parse) {
        YamlNode value = node.entry(key).orElseThrow().value();
        return scalar(value, path(key)).flatMap(text -> apply(parse, text, value.mark(), path(key)));
    }

    private Optional<String> scalar(YamlNode value, String fieldPath) {
        if (value instanceof YamlNode.Scalar s && s.text() != null) {
            return Optional.of(s.text().strip());
        }
        if (value instanceof YamlNode.Scalar s) {
            problems.add(s.mark(), fieldPath, "is empty; expected a value");
            return Optional.empty();
        }
        problems.add(value.mark(), fieldPath, "expected a single value; found " + value.kind());
        return Optional.empty();
    }

    private <T> Optional<T> apply(Function<String, T> parse, String text, Mark at, String fieldPath) {
        try {
            return Optional.of(parse.apply(text));
        } catch (IllegalArgumentException e) {
            problems.add(at, fieldPath, e.getMessage());
            return Optional.empty();
        }
    }

    private void rejectUnknown(List<String> known) {
        if (known == null) {
            return;
        }
        for (YamlNode.Entry e : node.entries().values()) {
            if (!known.contains(e.key())) {
                Optional<String> meant = Spelling.closest(e.key(), known);
                meant.ifPresent(misspelt::add);
                String hint = meant.map(k -> "did you mean '" + k + "'?")
                        .orElse("expected one of " + String.join(", ", known));
                problems.add(e.keyMark(), path(e.key()), "unknown field '" + e.key() + "'; " + hint);
            }
        }
    }
}
