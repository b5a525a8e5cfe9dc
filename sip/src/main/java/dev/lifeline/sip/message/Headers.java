package dev.lifeline.sip.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of a message in wire order. Names are canonical (compact forms expanded) and
 * looked up case-insensitively; a lookup by compact form ("v") finds the full name ("Via").
 * Immutable.
 */
public final class Headers {

    public static final Headers EMPTY = new Headers(new HeaderField[0], new byte[0], 0);

    /** The fields; an entry is null while its value is still undecoded bytes in {@code source}. */
    private final HeaderField[] fields;
    /** Per field, the {@link HeaderNames} id of its name: lookups compare small ints, not strings. */
    private final byte[] ids;
    private final int size;
    /** The bytes undecoded values are read from, or null; never changed (the message's own copy). */
    private final byte[] source;
    /** For field i, its value is {@code source[bounds[2i], bounds[2i+1])}, used while fields[i] is null. */
    private final int[] bounds;
    /** True when the decoder saw that every value in source is ASCII (no decoding, no checks needed). */
    private final boolean asciiSource;

    private Headers(HeaderField[] fields, byte[] ids, int size) {
        this(fields, ids, size, null, null, false);
    }

    private Headers(HeaderField[] fields, byte[] ids, int size, byte[] source, int[] bounds, boolean asciiSource) {
        this.fields = fields;
        this.ids = ids;
        this.size = size;
        this.source = source;
        this.bounds = bounds;
        this.asciiSource = asciiSource;
    }

    private static byte[] idsOf(HeaderField[] fields, int size) {
        byte[] ids = new byte[size];
        for (int i = 0; i < size; i++) {
            ids[i] = (byte) HeaderNames.id(fields[i].name());
        }
        return ids;
    }

    /** Wraps fields already canonicalized (by the parser or a builder). */
    public static Headers of(List<HeaderField> fields) {
        HeaderField[] f = fields.toArray(new HeaderField[0]);
        return new Headers(f, idsOf(f, f.length), f.length);
    }

    /**
     * Takes ownership of an array filled by a decoder: the caller must not change the first
     * {@code size} entries afterwards. Avoids a copy on the parse path.
     */
    public static Headers wrap(HeaderField[] fields, int size) {
        return new Headers(fields, idsOf(fields, size), size);
    }

    /**
     * {@link #wrap(HeaderField[], int)} for a decoder that already knows the name ids
     * ({@link HeaderNames#idOf}); takes ownership of both arrays.
     */
    public static Headers wrap(HeaderField[] fields, byte[] nameIds, int size) {
        if (nameIds.length < size) {
            throw new IllegalArgumentException("fewer name ids than fields");
        }
        return new Headers(fields, nameIds, size);
    }

    /**
     * For decoders that leave values undecoded until asked (most headers of a message are never
     * read by a proxy): {@code fields[i]} may be null when {@code nameIds[i]} is a known id, and
     * that field's value is then {@code source[valueBounds[2i], valueBounds[2i+1])} as UTF-8,
     * already trimmed and unfolded. Takes ownership of all arrays; {@code source} must never change.
     */
    public static Headers wrap(HeaderField[] fields, byte[] nameIds, int size, byte[] source, int[] valueBounds) {
        return wrap(fields, nameIds, size, source, valueBounds, false);
    }

    /**
     * {@link #wrap(HeaderField[], byte[], int, byte[], int[])} for a decoder that has seen every
     * value byte: {@code asciiValues} true promises that all the values in {@code source} are
     * ASCII, so reading them needs no charset decoder and no check.
     */
    public static Headers wrap(HeaderField[] fields, byte[] nameIds, int size, byte[] source, int[] valueBounds,
                               boolean asciiValues) {
        if (nameIds.length < size || valueBounds.length < 2 * size) {
            throw new IllegalArgumentException("fewer name ids or value bounds than fields");
        }
        for (int i = 0; i < size; i++) {
            if (fields[i] == null && (nameIds[i] == HeaderNames.UNKNOWN_ID || valueBounds[2 * i] < 0
                    || valueBounds[2 * i] > valueBounds[2 * i + 1] || valueBounds[2 * i + 1] > source.length)) {
                throw new IllegalArgumentException("field " + i + " has neither a value nor valid bounds");
            }
        }
        return new Headers(fields, nameIds, size, source, valueBounds, asciiValues);
    }

    /**
     * Field i; a value still in the wire bytes becomes a field backed by them, decoded only when
     * its text is read (a benign race: the fields made are equal).
     */
    private HeaderField field(int i) {
        HeaderField f = fields[i];
        if (f == null) {
            f = HeaderField.ofWire(HeaderNames.name(ids[i]), source, bounds[2 * i], bounds[2 * i + 1], asciiSource);
            fields[i] = f;
        }
        return f;
    }

    /**
     * The bytes field i's value is in, as received (its bounds are {@link #rawFrom}/{@link #rawTo}),
     * or null when the value was decoded at parse time (folded lines, unknown names): lets a typed
     * parse read the wire bytes directly.
     */
    byte[] rawSource(int i) {
        HeaderField f = fields[i];
        return f == null || (source != null && f.wire() == source) ? source : null;
    }

    /** True when the bytes of {@link #rawSource} values are known to be ASCII. */
    boolean rawAscii() {
        return asciiSource;
    }

    int rawFrom(int i) {
        return bounds[2 * i];
    }

    int rawTo(int i) {
        return bounds[2 * i + 1];
    }

    /** The name id of field i (see {@link HeaderNames#idOf}). */
    int nameId(int i) {
        return ids[i];
    }

    public int size() {
        return size;
    }

    public HeaderField get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return field(i);
    }

    /** All fields in wire order. */
    public List<HeaderField> all() {
        for (int i = 0; i < size; i++) {
            field(i);
        }
        return Collections.unmodifiableList(Arrays.asList(fields).subList(0, size));
    }

    public boolean contains(String name) {
        return indexOf(HeaderNames.canonical(name), 0) >= 0;
    }

    /** The value of the first field of that name. */
    public Optional<String> first(String name) {
        int i = indexOf(HeaderNames.canonical(name), 0);
        return i < 0 ? Optional.empty() : Optional.of(field(i).value());
    }

    /** The value of the first field of that name, or null; no Optional on hot paths. */
    String firstOrNull(String canonicalName) {
        int i = indexOf(canonicalName, 0);
        return i < 0 ? null : field(i).value();
    }

    /** The value of the first field with that known-name id, or null. */
    String firstOrNull(int knownId) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == knownId) {
                return field(i).value();
            }
        }
        return null;
    }

    /** True when a field has that known-name id. */
    boolean has(int knownId) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == knownId) {
                return true;
            }
        }
        return false;
    }

    /** Number of field lines of that name. */
    public int count(String name) {
        String c = HeaderNames.canonical(name);
        int id = HeaderNames.id(c);
        int n = 0;
        for (int i = indexOf(id, c, 0); i >= 0; i = indexOf(id, c, i + 1)) {
            n++;
        }
        return n;
    }

    /** One value per field line of that name, in order. */
    public List<String> values(String name) {
        String c = HeaderNames.canonical(name);
        int id = HeaderNames.id(c);
        List<String> out = new ArrayList<>(2);
        for (int i = indexOf(id, c, 0); i >= 0; i = indexOf(id, c, i + 1)) {
            out.add(field(i).value());
        }
        return out;
    }

    /**
     * The values of all field lines of that name with comma-separated lists split (RFC 3261 §7.3.1),
     * commas inside quoted strings and &lt;&gt; kept. Empty elements are dropped.
     */
    public List<String> splitValues(String name) {
        List<String> out = new ArrayList<>(4);
        for (String v : values(name)) {
            split(v, out);
        }
        return out;
    }

    static void split(String v, List<String> out) {
        int start = 0;
        boolean quoted = false;
        boolean angle = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                addTrimmed(v.substring(start, i), out);
                start = i + 1;
            }
        }
        addTrimmed(v.substring(start), out);
    }

    private static void addTrimmed(String s, List<String> out) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    private int indexOf(String canonicalName, int from) {
        return indexOf(HeaderNames.id(canonicalName), canonicalName, from);
    }

    /** The next field at or after {@code from} with that name id (or, for unknown names, spelling). */
    int indexOf(int id, String canonicalName, int from) {
        if (id != HeaderNames.UNKNOWN_ID) {
            for (int i = from; i < size; i++) {
                if (ids[i] == id) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = from; i < size; i++) {
            if (ids[i] == HeaderNames.UNKNOWN_ID && fields[i].name().equalsIgnoreCase(canonicalName)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && all().equals(h.all());
    }

    @Override
    public int hashCode() {
        return all().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            HeaderField f = field(i);
            sb.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        return sb.toString();
    }
}
