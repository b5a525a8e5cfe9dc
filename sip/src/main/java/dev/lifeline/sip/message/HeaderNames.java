package dev.lifeline.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical spelling of header names (RFC 3261 §7.3.3 compact forms expanded, RFC 3261 §20 and
 * extension RFCs' capitalisation), so that lookups and serialization see one name per header.
 * Canonical names are interned constants: lookups compare by reference first.
 */
public final class HeaderNames {

    public static final String VIA = "Via";
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String CALL_ID = "Call-ID";
    public static final String CSEQ = "CSeq";
    public static final String CONTACT = "Contact";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String ROUTE = "Route";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String EXPIRES = "Expires";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String AUTHORIZATION = "Authorization";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String SUPPORTED = "Supported";
    public static final String REQUIRE = "Require";
    public static final String USER_AGENT = "User-Agent";
    public static final String DATE = "Date";
    public static final String TIMESTAMP = "Timestamp";

    private static final String[] KNOWN = {
        "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow",
        "Allow-Events", "Authentication-Info", AUTHORIZATION, CALL_ID, "Call-Info", CONTACT,
        "Content-Disposition", "Content-Encoding", "Content-Language", CONTENT_LENGTH, CONTENT_TYPE,
        CSEQ, DATE, "Error-Info", "Event", EXPIRES, "Flow-Timer", FROM, "History-Info", "Identity",
        "Identity-Info", "In-Reply-To", MAX_FORWARDS, "MIME-Version", MIN_EXPIRES, "Min-SE",
        "Organization", "P-Asserted-Identity", "P-Preferred-Identity", "Path", "Priority", "Privacy",
        PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, "Proxy-Require", "RAck", "Reason", RECORD_ROUTE,
        "Refer-To", "Referred-By", "Reject-Contact", "Replaces", "Reply-To", "Request-Disposition",
        REQUIRE, RETRY_AFTER, ROUTE, "RSeq", "Server", "Service-Route", "Session-Expires", "Subject",
        "Subscription-State", SUPPORTED, TIMESTAMP, TO, "Unsupported", USER_AGENT, VIA, "Warning",
        WWW_AUTHENTICATE,
    };

    /** RFC 3261 §7.3.3 and the extension RFCs that define compact forms. */
    private static final String[][] COMPACT = {
        {"i", CALL_ID}, {"m", CONTACT}, {"e", "Content-Encoding"}, {"l", CONTENT_LENGTH},
        {"c", CONTENT_TYPE}, {"f", FROM}, {"s", "Subject"}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA},
        {"o", "Event"}, {"r", "Refer-To"}, {"u", "Allow-Events"}, {"x", "Session-Expires"},
        {"a", "Accept-Contact"}, {"b", "Referred-By"}, {"d", "Request-Disposition"},
        {"j", "Reject-Contact"}, {"y", "Identity"}, {"n", "Identity-Info"},
    };

    private static final Map<String, String> EXACT = new HashMap<>(256);
    private static final Map<String, String> LOWER = new HashMap<>(256);
    /** Canonical name to its id: the index in KNOWN. */
    private static final Map<String, Integer> IDS = new HashMap<>(128);
    private static final int MAX_LENGTH = 24;
    /** Ids of the full names by lower-case first letter and length, for matching names in the wire bytes. */
    private static final int[][][] BY_FIRST = new int[26][MAX_LENGTH + 1][];
    /** Ids of the compact forms by lower-case letter; -1 where none. */
    private static final int[] COMPACT_IDS = new int[26];

    /** The id of a header name that is not one of the known names. */
    public static final int UNKNOWN_ID = -1;

    static {
        if (KNOWN.length > Byte.MAX_VALUE) {
            throw new AssertionError("header name ids are stored as bytes");
        }
        for (int id = 0; id < KNOWN.length; id++) {
            String name = KNOWN[id];
            EXACT.put(name, name);
            LOWER.put(name.toLowerCase(Locale.ROOT), name);
            IDS.put(name, id);
        }
        java.util.Arrays.fill(COMPACT_IDS, UNKNOWN_ID);
        for (String[] c : COMPACT) {
            EXACT.put(c[0], c[1]);
            EXACT.put(c[0].toUpperCase(Locale.ROOT), c[1]);
            LOWER.put(c[0], c[1]);
            COMPACT_IDS[c[0].charAt(0) - 'a'] = IDS.get(c[1]);
        }
        for (int letter = 0; letter < 26; letter++) {
            for (int len = 0; len <= MAX_LENGTH; len++) {
                int[] ids = new int[0];
                for (int id = 0; id < KNOWN.length; id++) {
                    if ((KNOWN[id].charAt(0) | 0x20) == 'a' + letter && KNOWN[id].length() == len) {
                        ids = java.util.Arrays.copyOf(ids, ids.length + 1);
                        ids[ids.length - 1] = id;
                    }
                }
                BY_FIRST[letter][len] = ids;
            }
        }
        for (String name : KNOWN) {
            if (name.length() > MAX_LENGTH) {
                throw new AssertionError("raise MAX_LENGTH for " + name);
            }
        }
    }

    static final int VIA_ID = IDS.get(VIA);
    static final int FROM_ID = IDS.get(FROM);
    static final int TO_ID = IDS.get(TO);
    static final int CALL_ID_ID = IDS.get(CALL_ID);
    static final int CSEQ_ID = IDS.get(CSEQ);
    static final int TIMESTAMP_ID = IDS.get(TIMESTAMP);
    static final int MAX_FORWARDS_ID = IDS.get(MAX_FORWARDS);
    static final int CONTENT_LENGTH_ID = IDS.get(CONTENT_LENGTH);
    static final int CONTENT_TYPE_ID = IDS.get(CONTENT_TYPE);
    static final int CONTACT_ID = IDS.get(CONTACT);
    static final int ROUTE_ID = IDS.get(ROUTE);
    static final int RECORD_ROUTE_ID = IDS.get(RECORD_ROUTE);
    static final int DATE_ID = IDS.get(DATE);
    static final int AUTHORIZATION_ID = IDS.get(AUTHORIZATION);
    static final int PROXY_AUTHORIZATION_ID = IDS.get(PROXY_AUTHORIZATION);
    static final int WWW_AUTHENTICATE_ID = IDS.get(WWW_AUTHENTICATE);
    static final int PROXY_AUTHENTICATE_ID = IDS.get(PROXY_AUTHENTICATE);

    private HeaderNames() {
    }

    /** The canonical name for a known header or compact form; any other name as given. */
    public static String canonical(String name) {
        String c = EXACT.get(name);
        if (c != null) {
            return c;
        }
        c = LOWER.get(name.toLowerCase(Locale.ROOT));
        return c != null ? c : name;
    }

    /**
     * The id of the header name in {@code b[from, to)} (token characters, any case, compact forms
     * included), or {@link #UNKNOWN_ID}. Lets a decoder name headers without a String per name.
     */
    public static int idOf(byte[] b, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return UNKNOWN_ID;
        }
        // Token characters differ from each other in bit 0x20 only where they are letters of two cases.
        int letter = (b[from] | 0x20) - 'a';
        if (letter < 0 || letter >= 26) {
            return UNKNOWN_ID;
        }
        if (len == 1) {
            return COMPACT_IDS[letter];
        }
        if (len > MAX_LENGTH) {
            return UNKNOWN_ID;
        }
        for (int id : BY_FIRST[letter][len]) {
            if (sameIgnoringCase(b, from, FOLDED[id])) {
                return id;
            }
        }
        return UNKNOWN_ID;
    }

    /** Per id, the name's bytes with bit 0x20 set (lower case for letters; '-' and digits have it). */
    private static final byte[][] FOLDED = new byte[KNOWN.length][];

    static {
        for (int id = 0; id < KNOWN.length; id++) {
            byte[] f = KNOWN[id].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < f.length; i++) {
                f[i] |= 0x20;
            }
            FOLDED[id] = f;
        }
    }

    /** Per id, the name's bytes in upper and in lower case (equal where not a letter). */
    private static final byte[][] UPPER = new byte[KNOWN.length][];
    private static final byte[][] LOWER_BYTES = new byte[KNOWN.length][];
    /** Per lower-case first letter, the ids of all full names starting with it. */
    private static final int[][] STARTING = new int[26][];

    static {
        for (int id = 0; id < KNOWN.length; id++) {
            UPPER[id] = KNOWN[id].toUpperCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            LOWER_BYTES[id] = KNOWN[id].toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        // The headers of nearly every request or response first, so a typical line matches early.
        String[] common = {VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE,
            ROUTE, RECORD_ROUTE, AUTHORIZATION, PROXY_AUTHORIZATION, WWW_AUTHENTICATE, PROXY_AUTHENTICATE,
            EXPIRES, USER_AGENT, "Allow", SUPPORTED, REQUIRE, "Server"};
        int[] order = new int[KNOWN.length];
        int n = 0;
        for (String c : common) {
            order[n++] = IDS.get(c);
        }
        for (int id = 0; id < KNOWN.length; id++) {
            if (!java.util.Arrays.asList(common).contains(KNOWN[id])) {
                order[n++] = id;
            }
        }
        for (int letter = 0; letter < 26; letter++) {
            int[] ids = new int[0];
            for (int id : order) {
                if ((KNOWN[id].charAt(0) | 0x20) == 'a' + letter) {
                    ids = java.util.Arrays.copyOf(ids, ids.length + 1);
                    ids[ids.length - 1] = id;
                }
            }
            STARTING[letter] = ids;
        }
    }

    /**
     * For a decoder reading a header line at {@code from}: when the line starts with a known
     * name or compact form (any case) directly followed by ':', SP or HTAB before {@code limit},
     * returns {@code length << 8 | id}; otherwise -1. A match is a token by construction, so the
     * caller need not check the name's characters one by one.
     */
    public static int idAt(byte[] b, int from, int limit) {
        if (from >= limit) {
            return -1;
        }
        int letter = (b[from] | 0x20) - 'a';
        if (letter < 0 || letter >= 26 || !isLetter(b[from])) {
            return -1;
        }
        if (from + 1 < limit && isDelimiter(b[from + 1])) {
            int id = COMPACT_IDS[letter];
            return id == UNKNOWN_ID ? -1 : 1 << 8 | id;
        }
        // The words read may pass limit (never the array's end): the bytes past the name are masked off.
        boolean wordsFit = from + WORDS_SPAN <= b.length;
        for (int id : STARTING[letter]) {
            byte[] upper = UPPER[id];
            int len = upper.length;
            if (from + len < limit && isDelimiter(b[from + len])
                    && (wordsFit ? matchesWords(b, from, id) : matches(b, from, upper, LOWER_BYTES[id]))) {
                return len << 8 | id;
            }
        }
        return -1;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Per id, the lower-case name in little-endian words (zero past its end). */
    private static final long[][] LOWER_WORDS = new long[KNOWN.length][];
    /** Per id and word, 0x20 at the letters (where case does not count), 0 elsewhere. */
    private static final long[][] FOLD_WORDS = new long[KNOWN.length][];
    /** Per id and word, 0xFF at the name's bytes, 0 past its end. */
    private static final long[][] MASK_WORDS = new long[KNOWN.length][];
    /** Bytes the longest name's words cover: a line start with this many bytes after it is word-readable. */
    private static final int WORDS_SPAN;

    static {
        int span = 0;
        for (int id = 0; id < KNOWN.length; id++) {
            byte[] lower = LOWER_BYTES[id];
            int words = (lower.length + 7) >>> 3;
            span = Math.max(span, words * 8);
            LOWER_WORDS[id] = new long[words];
            FOLD_WORDS[id] = new long[words];
            MASK_WORDS[id] = new long[words];
            for (int i = 0; i < lower.length; i++) {
                int shift = (i & 7) * 8;
                LOWER_WORDS[id][i >>> 3] |= (lower[i] & 0xFFL) << shift;
                MASK_WORDS[id][i >>> 3] |= 0xFFL << shift;
                if (lower[i] >= 'a' && lower[i] <= 'z') {
                    FOLD_WORDS[id][i >>> 3] |= 0x20L << shift;
                }
            }
        }
        WORDS_SPAN = span;
    }

    /**
     * {@link #matches} eight bytes at a time: a byte with bit 0x20 set equals a lower-case letter
     * exactly when it is that letter in either case; bytes that are not letters compare exactly.
     */
    private static boolean matchesWords(byte[] b, int from, int id) {
        long[] lower = LOWER_WORDS[id];
        long[] fold = FOLD_WORDS[id];
        long[] mask = MASK_WORDS[id];
        for (int k = 0; k < lower.length; k++) {
            long w = (long) LONGS.get(b, from + 8 * k);
            if (((w | fold[k]) & mask[k]) != lower[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDelimiter(byte c) {
        return c == ':' || c == ' ' || c == '\t';
    }

    private static boolean matches(byte[] b, int from, byte[] upper, byte[] lower) {
        for (int i = 1; i < upper.length; i++) {
            byte c = b[from + i];
            if (c != upper[i] && c != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameIgnoringCase(byte[] b, int from, byte[] folded) {
        for (int i = 1; i < folded.length; i++) {
            if ((b[from + i] | 0x20) != folded[i]) {
                return false;
            }
        }
        return true;
    }

    /** The canonical name of an id from {@link #idOf}. */
    public static String name(int id) {
        return KNOWN[id];
    }

    /** True when name is the very String of a known canonical name (not just equal to one). */
    static boolean isCanonicalConstant(String name) {
        int id = identityId(name);
        return id != UNKNOWN_ID;
    }

    private static int identityId(String name) {
        int len = name.length();
        if (len > 0 && len <= MAX_LENGTH) {
            int letter = (name.charAt(0) | 0x20) - 'a';
            if (letter >= 0 && letter < 26) {
                for (int known : BY_FIRST[letter][len]) {
                    if (KNOWN[known] == name) {
                        return known;
                    }
                }
            }
        }
        return UNKNOWN_ID;
    }

    /** The id of a name as any case or compact form, or {@link #UNKNOWN_ID}. */
    static int id(String name) {
        // Canonical constants (the usual argument) are found by identity in the letter/length table.
        int known = identityId(name);
        if (known != UNKNOWN_ID) {
            return known;
        }
        Integer id = IDS.get(name);
        if (id != null) {
            return id;
        }
        String c = canonical(name);
        if (c == name) {
            return UNKNOWN_ID;
        }
        id = IDS.get(c);
        return id == null ? UNKNOWN_ID : id;
    }

    /** True when the two names denote the same header (after canonicalization). */
    static boolean same(String canonicalA, String canonicalB) {
        return canonicalA == canonicalB || canonicalA.equalsIgnoreCase(canonicalB);
    }
}
