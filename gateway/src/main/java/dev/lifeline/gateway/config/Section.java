package dev.lifeline.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One YAML mapping being read into a record: typed look-ups by key that record a problem
 * (located at the value, or at the mapping when the key is missing) instead of throwing,
 * so reading goes on and every mistake is found in one pass. A look-up that failed returns
 * null or empty; the caller compares {@link Problems#count()} before and after to know
 * whether it can build its record.
 *
 * <p>Value parsers are plain functions that throw {@link IllegalArgumentException} with a
 * message saying what was wrong and what is expected.
 */
final class Section {

    private final YamlNode.Mapping node;
    private final String path;
    private final Problems problems;
    /** Known keys for which a misspelling was reported: saying "missing" as well would be noise. */
    private final java.util.Set<String> misspelt = new java.util.HashSet<>();

    /** Reads {@code node}, reporting at once any key not in {@code known} (null: any key is data). */
    Section(YamlNode.Mapping node, String path, Problems problems, List<String> known) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        rejectUnknown(known);
    }

    /** The mapping at {@code node}, or empty with a problem when something else is written there. */
    static Optional<Section> of(YamlNode node, String path, Problems problems, List<String> known) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new Section(m, path, problems, known));
        }
        if (node instanceof YamlNode.Scalar s && s.text() == null) {
            // "admin:" with nothing under it: every setting takes its default.
            return Optional.of(new Section(new YamlNode.Mapping(Map.of(), s.mark()), path, problems, known));
        }
        problems.add(node.mark(), path, "expected a mapping of " + String.join(", ", known)
                + "; found " + node.kind());
        return Optional.empty();
    }

    String path() {
        return path;
    }

    Mark mark() {
        return node.mark();
    }

    String path(String key) {
        return FieldPath.child(path, key);
    }

    /** True when the key is present with a non-empty value. */
    boolean has(String key) {
        return node.entry(key).map(e -> !(e.value() instanceof YamlNode.Scalar s && s.isEmpty())).orElse(false);
    }

    /** Where the key's value is written, or the mapping itself when the key is absent. */
    Mark markOf(String key) {
        return node.entry(key).map(e -> e.value().mark()).orElse(node.mark());
    }

    void problem(String key, String message) {
        problems.add(markOf(key), path(key), message);
    }

    /** Reports a required key as missing, unless a misspelling of it was already reported. */
    void missing(String key, String expectation) {
        if (misspelt.contains(key)) {
            problems.addHidden();
        } else {
            problems.add(node.mark(), path(key), "missing; expected " + expectation);
        }
    }

    /** A required single value; null (with a problem) when missing or invalid. */
    <T> T required(String key, String expectation, Function<String, T> parse) {
        if (!has(key)) {
            missing(key, expectation);
            return null;
        }
        return parse(key, parse).orElse(null);
    }

    /** An optional single value, {@code fallback} when absent; null (with a problem) when invalid. */
    <T> T optional(String key, T fallback, Function<String, T> parse) {
        if (!has(key)) {
            return fallback;
        }
        return parse(key, parse).orElse(null);
    }

    /** An optional single value; empty when absent or invalid (a problem is recorded then). */
    <T> Optional<T> optional(String key, Function<String, T> parse) {
        return has(key) ? parse(key, parse) : Optional.empty();
    }

    /** An optional sub-mapping; an absent one reads as empty, so its defaults apply. */
    Optional<Section> section(String key, List<String> known) {
        Optional<YamlNode.Entry> entry = node.entry(key);
        if (entry.isEmpty()) {
            YamlNode.Mapping empty = new YamlNode.Mapping(Map.of(), node.mark());
            return Optional.of(new Section(empty, path(key), problems, known));
        }
        return of(entry.get().value(), path(key), problems, known);
    }

    /**
     * A list of mappings. A missing required list is a problem; a missing optional one is
     * an empty list.
     */
    List<Section> sections(String key, boolean required, String expectation, List<String> known) {
        List<Section> result = new ArrayList<>();
        for (Item item : items(key, required, expectation)) {
            of(item.node(), item.path(), problems, known).ifPresent(result::add);
        }
        return result;
    }

    /**
     * A list of single values; one value written on its own is taken as a list of one,
     * so {@code trunks: provider} means what it says. Invalid items are left out, with a problem.
     */
    <T> List<T> values(String key, boolean required, String expectation, Function<String, T> parse) {
        return located(key, required, expectation, parse).stream().map(Located::value).toList();
    }

    /** Like {@link #values}, keeping where each item was written for later cross-checks. */
    <T> List<Located<T>> located(String key, boolean required, String expectation, Function<String, T> parse) {
        List<Located<T>> result = new ArrayList<>();
        for (Item item : items(key, required, expectation)) {
            scalar(item.node(), item.path()).flatMap(text -> apply(parse, text, item.node().mark(), item.path()))
                    .ifPresent(v -> result.add(new Located<>(v, item.node().mark(), item.path())));
        }
        return result;
    }

    /** A value with its place in the file. */
    record Located<T>(T value, Mark mark, String path) {
    }

    /**
     * A mapping whose keys are data (the DID table): any key is allowed. Empty when absent;
     * empty with a problem when something else is written there.
     */
    Optional<Section> table(String key) {
        Optional<YamlNode.Entry> entry = node.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlNode.Scalar s && s.text() == null) {
            return Optional.empty();
        }
        if (entry.get().value() instanceof YamlNode.Mapping m) {
            return Optional.of(new Section(m, path(key), problems, null));
        }
        problem(key, "expected a mapping; found " + entry.get().value().kind());
        return Optional.empty();
    }

    /** The entries of this mapping in file order. */
    List<YamlNode.Entry> entries() {
        return List.copyOf(node.entries().values());
    }

    /** The text of a single value, without parsing it or reporting anything. */
    Optional<String> peek(String key) {
        return node.entry(key).map(YamlNode.Entry::value)
                .filter(v -> v instanceof YamlNode.Scalar s && s.text() != null)
                .map(v -> ((YamlNode.Scalar) v).text().strip());
    }

    /** A value under a key of this mapping, parsed; used for mappings whose keys are data. */
    <T> Optional<T> value(YamlNode.Entry entry, Function<String, T> parse) {
        String p = path(entry.key());
        return scalar(entry.value(), p).flatMap(text -> apply(parse, text, entry.value().mark(), p));
    }

    /** Records a problem against an item of this mapping whose path the caller built. */
    void problemAt(Mark at, String fieldPath, String message) {
        problems.add(at, fieldPath, message);
    }

    private record Item(YamlNode node, String path) {
    }

    private List<Item> items(String key, boolean required, String expectation) {
        Optional<YamlNode.Entry> entry = node.entry(key);
        if (entry.isEmpty() || entry.get().value() instanceof YamlNode.Scalar s && s.isEmpty()) {
            if (required) {
                missing(key, expectation);
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
