package dev.lifeline.sip.uri;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of ";name[=value]" parameters, as carried by URIs and by Via, From, To and
 * Contact values. Names compare case-insensitively (RFC 3261 §7.3.1); a parameter without a
 * value (e.g. {@code lr}) has a null value. Immutable: {@code with}/{@code without} return copies.
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(new String[0], 0);

    /** Names and values interleaved: name i at 2i, its value at 2i+1. Never changed once shared. */
    private final String[] pairs;
    private final int size;

    private Parameters(String[] pairs, int size) {
        this.pairs = pairs;
        this.size = size;
    }

    /** From name/value pairs in order; a null value marks a flag parameter. */
    public static Parameters of(Map<String, String> params) {
        String[] p = new String[params.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            p[i++] = e.getKey();
            p[i++] = e.getValue();
        }
        return new Parameters(p, params.size());
    }

    /** Parameter names common in SIP, handed out by {@link #name(String, int, int)} instead of copies. */
    private static final String[] COMMON_NAMES = {
        "tag", "branch", "rport", "received", "expires", "transport", "lr", "q", "maddr", "ttl", "user",
        "method", "ftag", "+sip.instance", "reg-id", "ob", "phone-context",
    };

    /**
     * For parsers: the name written at {@code text[from, to)}, as a shared constant when it is a
     * common parameter name spelled exactly so (case is kept as written), else as a copy.
     */
    public static String name(String text, int from, int to) {
        int len = to - from;
        if (len > 0 && len < NAMES_BY_LENGTH.length) {
            for (String n : NAMES_BY_LENGTH[len]) {
                if (sameChars(text, from, n)) {
                    return n;
                }
            }
        }
        return text.substring(from, to);
    }

    /** {@link #name(String, int, int)} for ASCII bytes {@code b[from, to)} (a parser reading the wire). */
    public static String name(byte[] b, int from, int to) {
        int len = to - from;
        if (len > 0 && len < NAMES_BY_LENGTH.length) {
            for (String n : NAMES_BY_LENGTH[len]) {
                if (sameBytes(b, from, n)) {
                    return n;
                }
            }
        }
        return Ascii.string(b, from, to);
    }

    private static boolean sameBytes(byte[] b, int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final String[][] NAMES_BY_LENGTH = new String[16][];

    static {
        for (int len = 0; len < NAMES_BY_LENGTH.length; len++) {
            final int l = len;
            NAMES_BY_LENGTH[len] = java.util.Arrays.stream(COMMON_NAMES).filter(n -> n.length() == l)
                    .toArray(String[]::new);
        }
    }

    /** True when text holds word at from (a plain loop: these words are too short for vector compares). */
    private static boolean sameChars(String text, int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (text.charAt(from + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Collects parameters in wire order while parsing. */
    public static final class Collector {
        private String[] pairs;
        private int size;
        /** True once build() handed the array out: the next add copies it first. */
        private boolean shared;

        public Collector add(String name, String value) {
            if (pairs == null) {
                pairs = new String[4];
            } else if (shared || size * 2 == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, Math.max(pairs.length, (size + 2) * 2));
                shared = false;
            }
            pairs[size * 2] = name;
            pairs[size * 2 + 1] = value;
            size++;
            return this;
        }

        public Parameters build() {
            if (size == 0) {
                return EMPTY;
            }
            shared = true;
            return new Parameters(pairs, size);
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** True when the parameter is present, with or without a value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value; empty when absent or present without a value. */
    public Optional<String> get(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.ofNullable(pairs[2 * i + 1]);
    }

    /** The value, or null when absent or without a value. */
    public String valueOrNull(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    public String name(int i) {
        java.util.Objects.checkIndex(i, size);
        return pairs[2 * i];
    }

    /** The i-th value, null for a flag. */
    public String value(int i) {
        java.util.Objects.checkIndex(i, size);
        return pairs[2 * i + 1];
    }

    /** A copy with the parameter set (replacing the first of that name, else appended). */
    public Parameters with(String name, String value) {
        int i = indexOf(name);
        if (i >= 0) {
            String[] p = java.util.Arrays.copyOf(pairs, size * 2);
            p[2 * i + 1] = value;
            return new Parameters(p, size);
        }
        String[] p = java.util.Arrays.copyOf(pairs, size * 2 + 2);
        p[size * 2] = name;
        p[size * 2 + 1] = value;
        return new Parameters(p, size + 1);
    }

    /** A copy without any parameter of that name. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        Collector c = new Collector();
        for (int i = 0; i < size; i++) {
            if (!pairs[2 * i].equalsIgnoreCase(name)) {
                c.add(pairs[2 * i], pairs[2 * i + 1]);
            }
        }
        return c.build();
    }

    /** A snapshot as a map in wire order (null values for flags; first of duplicate names). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.putIfAbsent(pairs[2 * i], pairs[2 * i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** ";name=value;flag" with values as stored (no escaping). */
    @Override
    public String toString() {
        if (size == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    public void appendTo(StringBuilder sb) {
        for (int i = 0; i < size; i++) {
            sb.append(';').append(pairs[2 * i]);
            if (pairs[2 * i + 1] != null) {
                sb.append('=').append(pairs[2 * i + 1]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Parameters p) || p.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!pairs[2 * i].equalsIgnoreCase(p.pairs[2 * i])
                    || !java.util.Objects.equals(pairs[2 * i + 1], p.pairs[2 * i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + pairs[2 * i].toLowerCase(java.util.Locale.ROOT).hashCode();
            h = 31 * h + java.util.Objects.hashCode(pairs[2 * i + 1]);
        }
        return h;
    }
}
