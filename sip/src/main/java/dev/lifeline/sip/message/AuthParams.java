package dev.lifeline.sip.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable, insertion-ordered map behind {@link AuthHeader#params()}: keys and values in
 * one array, looked up by a linear scan. Credentials carry about ten parameters, where this is
 * cheaper to build and to read than a LinkedHashMap and its entries.
 */
final class AuthParams extends AbstractMap<String, String> {

    static final AuthParams EMPTY = new AuthParams(new String[0], 0);

    /**
     * Key i at 2i, its value at 2i+1; keys are unique. A null value is still the ASCII bytes
     * {@code source[spans[2i], spans[2i+1])} and is set once, when first read (a benign race:
     * every thread makes an equal String). Nothing else changes after construction.
     */
    private final String[] pairs;
    private final int size;
    /** The bytes undecoded values are read from (never changed), or null when there are none. */
    private final byte[] source;
    private final int[] spans;
    private Set<Map.Entry<String, String>> entries;

    private AuthParams(String[] pairs, int size) {
        this(pairs, size, null, null);
    }

    private AuthParams(String[] pairs, int size, byte[] source, int[] spans) {
        this.pairs = pairs;
        this.size = size;
        this.source = source;
        this.spans = spans;
    }

    /** Value i, decoded from the source bytes on first use. */
    private String value(int i) {
        String v = pairs[2 * i + 1];
        if (v == null) {
            v = dev.lifeline.sip.uri.Ascii.string(source, spans[2 * i], spans[2 * i + 1]);
            pairs[2 * i + 1] = v;
        }
        return v;
    }

    /** A snapshot of any map, in its iteration order. */
    static AuthParams copyOf(Map<String, String> m) {
        if (m instanceof AuthParams a) {
            return a;
        }
        String[] p = new String[m.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            p[i++] = e.getKey();
            p[i++] = e.getValue();
        }
        return new AuthParams(p, m.size());
    }

    /** Collects parameters while parsing; the first of duplicate keys wins. */
    static final class Builder {
        private String[] pairs = new String[20];
        private int size;
        /** ASCII bytes values may be left in, which must never change; null for none. */
        private final byte[] source;
        private int[] spans;

        Builder() {
            this(null);
        }

        /** A builder whose values may be spans of {@code source} (ASCII, never changed). */
        Builder(byte[] source) {
            this.source = source;
        }

        void putIfAbsent(String key, String value) {
            if (indexOf(pairs, size, key) < 0) {
                put(key, value);
            }
        }

        /** putIfAbsent of {@code value}, or when it is null, of the source bytes [from, to). */
        void putIfAbsent(String key, String value, int from, int to) {
            if (indexOf(pairs, size, key) < 0) {
                put(key, value, from, to);
            }
        }

        /** Adds a key the caller knows is not present yet. */
        void put(String key, String value) {
            if (size * 2 == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
                if (spans != null) {
                    spans = Arrays.copyOf(spans, pairs.length);
                }
            }
            pairs[size * 2] = key;
            pairs[size * 2 + 1] = value;
            size++;
        }

        /** put of {@code value}, or when it is null, of the source bytes [from, to), decoded when read. */
        void put(String key, String value, int from, int to) {
            put(key, value);
            if (value == null) {
                if (spans == null) {
                    spans = new int[pairs.length];
                }
                spans[2 * size - 2] = from;
                spans[2 * size - 1] = to;
            }
        }

        AuthParams build() {
            return size == 0 ? EMPTY : new AuthParams(pairs, size, spans == null ? null : source, spans);
        }
    }

    private static int identityIndexOf(String[] pairs, int size, Object key) {
        for (int i = 0; i < size; i++) {
            if (pairs[2 * i] == key) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(String[] pairs, int size, Object key) {
        // Parsed keys and the callers' literal keys are mostly the same interned constants.
        int i = identityIndexOf(pairs, size, key);
        if (i >= 0) {
            return i;
        }
        for (i = 0; i < size; i++) {
            if (Objects.equals(pairs[2 * i], key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(pairs, size, key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(pairs, size, key);
        return i < 0 ? null : value(i);
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        Set<Map.Entry<String, String>> e = entries;
        if (e == null) {
            entries = e = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(pairs[2 * i], value(i));
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
        return e;
    }

    // Immutable: AbstractMap's put/remove/clear already throw UnsupportedOperationException;
    // these defaults would otherwise reach them only after a lookup.
    @Override
    public String putIfAbsent(String key, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String replace(String key, String value) {
        throw new UnsupportedOperationException();
    }
}
