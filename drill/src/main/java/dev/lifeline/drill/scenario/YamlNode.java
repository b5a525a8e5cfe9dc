package dev.lifeline.drill.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario file as a small tree in which every node remembers its line and column, so a problem
 * points at the place to fix. The gateway's configuration reader keeps the same kind of tree
 * (package-private there, hence this twin): Jackson's {@code JsonNode} forgets token locations.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Where where();

    /** How the node is named in messages. */
    String kind();

    /** A place in the file, 1-based as editors show it. */
    record Where(int line, int column) {
        static final Where START = new Where(1, 1);
    }

    /** A mapping; keys keep file order. */
    record Mapping(Map<String, Entry> entries, Where where) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Optional<Entry> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A key with the place of the key itself, for "unknown field" problems. */
    record Entry(String key, Where keyWhere, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, Where where) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A single value as written; the scenario decides what it means, not YAML's type guessing.
     *
     * @param text null for an empty value ({@code key:} or {@code ~})
     */
    record Scalar(String text, Where where) implements YamlNode {
        boolean isEmpty() {
            return text == null || text.isBlank();
        }

        @Override
        public String kind() {
            return "a value";
        }
    }
}
