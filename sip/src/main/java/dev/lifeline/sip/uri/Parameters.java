package dev.lifeline.sip.uri;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of ";name[=value]" parameters, as carried by URIs and by Via, From, To and
 * Contact values. Names compare case-insensitively (RFC 3261 §7.3.1); a parameter without a
 * value (e.g. {@code lr}) has a null value. Immutable: {@code with}/{@code without} return copies.
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private Parameters(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** From name/value pairs in order; a null value marks a flag parameter. */
    public static Parameters of(Map<String, String> params) {
        String[] n = new String[params.size()];
        String[] v = new String[params.size()];
        int i = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            n[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new Parameters(n, v);
    }

    /** Collects parameters in wire order while parsing. */
    public static final class Collector {
        private final List<String> names = new ArrayList<>(4);
        private final List<String> values = new ArrayList<>(4);

        public Collector add(String name, String value) {
            names.add(name);
            values.add(value);
            return this;
        }

        public Parameters build() {
            return names.isEmpty() ? EMPTY
                    : new Parameters(names.toArray(new String[0]), values.toArray(new String[0]));
        }
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    /** True when the parameter is present, with or without a value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value; empty when absent or present without a value. */
    public Optional<String> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.ofNullable(values[i]);
    }

    /** The value, or null when absent or without a value. */
    public String valueOrNull(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    public String name(int i) {
        return names[i];
    }

    /** The i-th value, null for a flag. */
    public String value(int i) {
        return values[i];
    }

    /** A copy with the parameter set (replacing the first of that name, else appended). */
    public Parameters with(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) {
            String[] v = values.clone();
            v[i] = value;
            return new Parameters(names, v);
        }
        String[] n = java.util.Arrays.copyOf(names, names.length + 1);
        String[] v = java.util.Arrays.copyOf(values, values.length + 1);
        n[names.length] = name;
        v[values.length] = value;
        return new Parameters(n, v);
    }

    /** A copy without any parameter of that name. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        Collector c = new Collector();
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                c.add(names[i], values[i]);
            }
        }
        return c.build();
    }

    /** A snapshot as a map in wire order (null values for flags; first of duplicate names). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.putIfAbsent(names[i], values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** ";name=value;flag" with values as stored (no escaping). */
    @Override
    public String toString() {
        if (names.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    public void appendTo(StringBuilder sb) {
        for (int i = 0; i < names.length; i++) {
            sb.append(';').append(names[i]);
            if (values[i] != null) {
                sb.append('=').append(values[i]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Parameters p) || p.names.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (!names[i].equalsIgnoreCase(p.names[i]) || !java.util.Objects.equals(values[i], p.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < names.length; i++) {
            h = 31 * h + names[i].toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + java.util.Objects.hashCode(values[i]);
        }
        return h;
    }
}
