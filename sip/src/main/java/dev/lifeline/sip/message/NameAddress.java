package dev.lifeline.sip.message;

import dev.lifeline.sip.uri.InvalidUriException;
import dev.lifeline.sip.uri.Parameters;
import dev.lifeline.sip.uri.Uri;
import java.util.List;
import java.util.Optional;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and
 * Record-Route (RFC 3261 §20.10, §25.1).
 *
 * @param displayName the display name unquoted and unescaped, or null when absent
 * @param uri the address
 * @param params header parameters (tag, q, expires…); quoted values keep their quotes
 */
public record NameAddress(String displayName, Uri uri, Parameters params) {

    public NameAddress {
        if (uri == null) {
            throw new IllegalArgumentException("uri is null");
        }
        if (params == null) {
            params = Parameters.EMPTY;
        }
    }

    public static NameAddress of(Uri uri) {
        return new NameAddress(null, uri, Parameters.EMPTY);
    }

    /** Parses a single value (From, To); throws {@link InvalidHeaderException}. */
    public static NameAddress parse(String value, String header) {
        Cursor c = new Cursor(value, header);
        NameAddress a = parse(c, false);
        c.skipWs();
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.rest() + "' after the address");
        }
        return a;
    }

    /** Parses a comma-separated list of name-addrs (Route, Record-Route, Contact) into out. */
    static void parseList(String value, String header, List<NameAddress> out) {
        Cursor c = new Cursor(value, header);
        do {
            out.add(parse(c, true));
        } while (c.accept(','));
        c.skipWs();
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.rest() + "' after the address");
        }
    }

    /**
     * {@link #parse(String, String)} of the value in the wire bytes {@code b[from, to)}, read in
     * place; null when it is not on the fast path ({@link WireCursor}): parse the text then.
     */
    static NameAddress parseWire(byte[] b, int from, int to) {
        return parseWire(b, from, to, false);
    }

    /** {@link #parseWire(byte[], int, int)} of bytes the decoder may know are ASCII. */
    static NameAddress parseWire(byte[] b, int from, int to, boolean knownAscii) {
        WireCursor c = WireCursor.over(b, from, to, knownAscii);
        if (c == null) {
            return null;
        }
        try {
            NameAddress a = parse(c, false);
            c.skipWs();
            if (!c.atEnd()) {
                throw WireCursor.bail();
            }
            return a;
        } catch (WireCursor.Bail e) {
            return null;
        }
    }

    /** {@link #parseList} of wire bytes; false, with {@code out} as it was, off the fast path. */
    static boolean parseListWire(byte[] b, int from, int to, List<NameAddress> out) {
        return parseListWire(b, from, to, false, out);
    }

    /** {@link #parseListWire(byte[], int, int, List)} of bytes the decoder may know are ASCII. */
    static boolean parseListWire(byte[] b, int from, int to, boolean knownAscii, List<NameAddress> out) {
        WireCursor c = WireCursor.over(b, from, to, knownAscii);
        if (c == null) {
            return false;
        }
        int mark = out.size();
        try {
            do {
                out.add(parse(c, true));
            } while (c.accept(','));
            c.skipWs();
            if (!c.atEnd()) {
                throw WireCursor.bail();
            }
            return true;
        } catch (WireCursor.Bail e) {
            out.subList(mark, out.size()).clear();
            return false;
        }
    }

    /** {@link #parse(Cursor, boolean)} over wire bytes. */
    private static NameAddress parse(WireCursor c, boolean inList) {
        c.skipWs();
        String display = null;
        if (c.peek() == '"') {
            display = c.quotedString();
            c.skipWs();
            if (c.peek() != '<') {
                throw WireCursor.bail();
            }
        } else if (c.peek() != '<') {
            int start = c.pos;
            int end = start;
            while (Cursor.isTokenChar(c.peek())) {
                while (Cursor.isTokenChar(c.peek())) {
                    c.pos++;
                }
                end = c.pos;
                c.skipWs();
            }
            if (end > start && c.peek() == '<') {
                display = c.string(start, end);
            } else {
                c.pos = start;
            }
        }
        Uri uri;
        if (c.peek() == '<') {
            int open = c.pos;
            int close = c.indexOf('>', open);
            if (close < 0 || close == open + 1 || Cursor.isWs(c.at(open + 1)) || Cursor.isWs(c.at(close - 1))) {
                throw WireCursor.bail();
            }
            c.pos = close + 1;
            uri = c.uri(open + 1, close);
        } else {
            int start = c.pos;
            int i = start;
            while (i < c.end()) {
                char ch = c.at(i);
                if (ch == ';' || Cursor.isWs(ch) || (inList && ch == ',')) {
                    break;
                }
                if (ch == '?') {
                    throw WireCursor.bail(); // '?' needs <> around the URI (or is a defect): the String path
                }
                i++;
            }
            if (i == start) {
                throw WireCursor.bail();
            }
            c.pos = i;
            uri = c.uri(start, i);
        }
        return new NameAddress(display, uri, c.params());
    }

    static NameAddress parse(Cursor c, boolean inList) {
        c.skipWs();
        String display = null;
        if (c.peek() == '"') {
            display = c.quotedString();
            c.skipWs();
            if (c.peek() != '<') {
                throw c.error("expected '<' after the display name");
            }
        } else if (c.peek() != '<') {
            display = tokenDisplayName(c);
        }
        Uri uri = c.peek() == '<' ? bracketed(c) : addrSpec(c, inList);
        return new NameAddress(display, uri, c.params());
    }

    /** *(token LWS) directly followed by '<'; otherwise no display name and the cursor is kept. */
    private static String tokenDisplayName(Cursor c) {
        int start = c.pos;
        int end = start;
        while (Cursor.isTokenChar(c.peek())) {
            while (Cursor.isTokenChar(c.peek())) {
                c.pos++;
            }
            end = c.pos;
            c.skipWs();
        }
        if (end > start && c.peek() == '<') {
            return c.text().substring(start, end);
        }
        c.pos = start;
        return null;
    }

    private static Uri bracketed(Cursor c) {
        String s = c.text();
        int open = c.pos;
        int close = s.indexOf('>', open);
        if (close < 0) {
            throw c.error("missing '>'");
        }
        if (close == open + 1) {
            throw c.error("empty <>");
        }
        if (Cursor.isWs(s.charAt(open + 1)) || Cursor.isWs(s.charAt(close - 1))) {
            throw c.error("whitespace inside <> around the URI (addr-spec must not contain spaces)");
        }
        c.pos = close + 1;
        return uri(c, s.substring(open + 1, close));
    }

    /** An addr-spec without <> ends at ';', ',' (in lists) or whitespace (RFC 3261 §20.10). */
    private static Uri addrSpec(Cursor c, boolean inList) {
        String s = c.text();
        int start = c.pos;
        int i = start;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == ';' || Cursor.isWs(ch) || (inList && ch == ',')) {
                break;
            }
            i++;
        }
        String text = s.substring(start, i);
        if (text.isEmpty()) {
            throw c.error("address missing");
        }
        if (text.indexOf('?') >= 0 && text.indexOf(':') > 0) {
            throw c.error("a URI with headers ('?') must be enclosed in <>");
        }
        c.pos = i;
        try {
            return Uri.parse(text);
        } catch (InvalidUriException e) {
            if (s.indexOf('<', i) >= 0) {
                throw c.error("display name contains characters that are not tokens; it must be quoted");
            }
            throw c.error(e.getMessage());
        }
    }

    private static Uri uri(Cursor c, String text) {
        try {
            return Uri.parse(text);
        } catch (InvalidUriException e) {
            throw c.error(e.getMessage());
        }
    }

    public Optional<String> tag() {
        return params.get("tag");
    }

    public Optional<String> param(String name) {
        return params.get(name);
    }

    public NameAddress withTag(String tag) {
        return new NameAddress(displayName, uri, params.with("tag", tag));
    }

    public NameAddress withParam(String name, String value) {
        return new NameAddress(displayName, uri, params.with(name, value));
    }

    public NameAddress withUri(Uri u) {
        return new NameAddress(displayName, u, params);
    }

    /** Always the name-addr form (with <>), which is safe for any URI. */
    @Override
    public String toString() {
        String u = uri.toString();
        int length = u.length() + 2 + (displayName == null ? 0 : displayName.length() + 8);
        for (int i = 0; i < params.size(); i++) {
            String v = params.value(i);
            length += 2 + params.name(i).length() + (v == null ? 0 : v.length());
        }
        StringBuilder sb = new StringBuilder(length); // exact but for escapes in the display name
        appendDisplayName(sb);
        sb.append('<').append(u).append('>');
        params.appendTo(sb);
        return sb.toString();
    }

    private void appendDisplayName(StringBuilder sb) {
        if (displayName == null) {
            return;
        }
        if (isTokenSequence(displayName)) {
            sb.append(displayName).append(' ');
            return;
        }
        sb.append('"');
        for (int i = 0; i < displayName.length(); i++) {
            char ch = displayName.charAt(i);
            if (ch == '\r' || ch == '\n') {
                continue; // cannot be carried even as a quoted-pair
            }
            if (ch == '"' || ch == '\\' || (ch < 0x20 && ch != '\t') || ch == 0x7f) {
                sb.append('\\');
            }
            sb.append(ch);
        }
        sb.append("\" ");
    }

    private static boolean isTokenSequence(String s) {
        if (s.isEmpty() || s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!Cursor.isTokenChar(ch) && ch != ' ') {
                return false;
            }
        }
        return true;
    }
}
