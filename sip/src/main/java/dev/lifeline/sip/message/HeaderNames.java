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

    static {
        for (String name : KNOWN) {
            EXACT.put(name, name);
            LOWER.put(name.toLowerCase(Locale.ROOT), name);
        }
        for (String[] c : COMPACT) {
            EXACT.put(c[0], c[1]);
            EXACT.put(c[0].toUpperCase(Locale.ROOT), c[1]);
            LOWER.put(c[0], c[1]);
        }
    }

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

    /** True when the two names denote the same header (after canonicalization). */
    static boolean same(String canonicalA, String canonicalB) {
        return canonicalA == canonicalB || canonicalA.equalsIgnoreCase(canonicalB);
    }
}
