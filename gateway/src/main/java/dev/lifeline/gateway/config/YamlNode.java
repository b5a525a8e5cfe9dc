package dev.lifeline.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document (the site configuration, a drill scenario) as a small tree in which every
 * node remembers where it was written.
 * Jackson's own {@code JsonNode} forgets token locations, and a problem without a line
 * number sends an engineer hunting through a long file; hence this tree.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Mark mark();

    /** How the node is named in messages ("a mapping", "a list", "a value"). */
    String kind();

    /**
     * A mapping; keys keep file order.
     *
     * @param entries key → entry, in file order
     */
    record Mapping(Map<String, Entry> entries, Mark mark) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        public Optional<Entry> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the place of the key itself, for "unknown field" problems. */
    record Entry(String key, Mark keyMark, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, Mark mark) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A single value as written (numbers and booleans too: the config decides what a value
     * means, not YAML's type guessing, so {@code 0123} stays "0123").
     *
     * @param text the text, or null for an empty value ({@code key:} or {@code ~})
     */
    record Scalar(String text, Mark mark) implements YamlNode {

        public boolean isEmpty() {
            return text == null || text.isBlank();
        }

        @Override
        public String kind() {
            return "a value";
        }
    }
}
