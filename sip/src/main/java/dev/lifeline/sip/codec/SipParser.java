package dev.lifeline.sip.codec;

import dev.lifeline.sip.message.HeaderField;
import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.Headers;
import dev.lifeline.sip.message.RequiredHeaders;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.uri.InvalidUriException;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.Uri;
import java.util.Arrays;
import java.util.Optional;

/**
 * Parses one SIP message from bytes (a UDP datagram, or a frame found by {@link StreamFramer}).
 * Structure is checked strictly (start line, header lines, folding, Content-Length framing), then
 * the headers every request or response needs are validated so that an {@link ParseResult.Ok}
 * message is safe to route. Never throws: a defect is an {@link ParseResult.Invalid} with a reason.
 * Thread-safe and stateless.
 */
public final class SipParser {

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    private final ParseLimits limits;

    public SipParser() {
        this(ParseLimits.DEFAULT);
    }

    public SipParser(ParseLimits limits) {
        this.limits = limits;
    }

    public ParseLimits limits() {
        return limits;
    }

    public ParseResult parse(byte[] data) {
        return parse(data, 0, data.length);
    }

    /** Parses the message starting at {@code offset}; octets after its body are ignored. */
    public ParseResult parse(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            return new ParseResult.Invalid("no data", null, Optional.empty(), Headers.EMPTY);
        }
        try {
            return new MessageReader(data, offset, length, limits).read();
        } catch (RuntimeException e) {
            // Last resort: any exception here is a parser bug; the fuzz tests count these.
            return new ParseResult.Invalid("parser error: " + e, null, Optional.empty(), Headers.EMPTY);
        }
    }

    /** One parse: a cursor over the input and the fields read so far. */
    private static final class MessageReader {
        private final byte[] data;
        private final int end;
        private final int offset;
        private final ParseLimits limits;
        private int pos;
        private String startLine;
        private HeaderField[] fields = new HeaderField[16];
        private byte[] nameIds = new byte[16];
        /** Per field, its value's bounds relative to {@code base}, for values kept as bytes. */
        private int[] valueBounds = new int[32];
        /** Where the message starts in data: offset 0 of its wire copy. */
        private int base;
        private int count;

        MessageReader(byte[] data, int offset, int length, ParseLimits limits) {
            this.data = data;
            this.offset = offset;
            this.end = offset + length;
            this.limits = limits;
            this.pos = offset;
        }

        ParseResult read() {
            if (end - offset > limits.maxMessageBytes()) {
                return invalid(limits.messageTooLarge());
            }
            // RFC 3261 §7.5: CRLFs before the start line are ignored.
            while (pos < end && (data[pos] == '\r' || data[pos] == '\n')) {
                pos++;
            }
            if (pos == end) {
                return invalid("empty message");
            }
            int messageStart = pos;
            base = messageStart;
            String defect = readStartLine();
            if (defect != null) {
                return invalid(defect);
            }
            defect = readHeaders();
            if (defect != null) {
                return invalid(defect);
            }
            int bodyStart = pos;
            int bodyEnd = end;
            String cl = singleContentLength();
            if (cl != null) {
                long n = contentLength(cl);
                if (n < 0) {
                    return invalid(contentLengthDefect(cl));
                }
                if (n > end - bodyStart) {
                    return invalid("Content-Length " + cl + " is larger than the " + (end - bodyStart)
                            + " bytes of body received");
                }
                bodyEnd = bodyStart + (int) n;
            } else if (count(HeaderNames.CONTENT_LENGTH) > 1) {
                return invalid("multiple Content-Length header fields");
            }
            return build(messageStart, bodyStart, bodyEnd);
        }

        private ParseResult build(int messageStart, int bodyStart, int bodyEnd) {
            byte[] wire = Arrays.copyOfRange(data, messageStart, bodyEnd);
            Headers headers = Headers.wrap(fields, nameIds, count, wire, valueBounds, (scanned & HIGH) == 0);
            byte[] body = Arrays.copyOfRange(data, bodyStart, bodyEnd);
            SipMessage m;
            try {
                m = startLine.regionMatches(true, 0, "SIP/", 0, 4)
                        ? response(headers, body, wire)
                        : request(headers, body, wire);
            } catch (StartLineException e) {
                return invalid(e.getMessage());
            }
            Optional<String> defect = RequiredHeaders.defect(m);
            if (defect.isPresent()) {
                return invalid(defect.get());
            }
            return new ParseResult.Ok(m, bodyEnd - offset);
        }

        // ---- start line ----

        private String readStartLine() {
            int lf = scanLine(pos);
            if (lf < 0) {
                return end - pos > limits.maxLineBytes() ? limits.lineTooLong() : "message ends inside the start line";
            }
            int contentEnd = lf > pos && data[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd - pos > limits.maxLineBytes()) {
                return limits.lineTooLong();
            }
            startLine = Text.decode(data, pos, contentEnd);
            startFrom = pos;
            startTo = contentEnd;
            pos = lf + 1;
            return startLine.indexOf('\r') >= 0 ? "start line contains a bare CR" : null;
        }

        private SipResponse response(Headers headers, byte[] body, byte[] wire) {
            String line = startLine;
            int sp1 = line.indexOf(' ');
            checkVersion(line, 0, sp1 < 0 ? line.length() : sp1, "Status-Line");
            if (sp1 < 0) {
                throw new StartLineException("Status-Line has no status code");
            }
            int sp2 = line.indexOf(' ', sp1 + 1);
            String code = sp2 < 0 ? line.substring(sp1 + 1) : line.substring(sp1 + 1, sp2);
            if (code.length() != 3 || !Text.allDigits(code)) {
                throw new StartLineException("status code must be 3 digits, not '" + Text.shorten(code) + "'");
            }
            int status = Integer.parseInt(code);
            if (status < 100 || status > 699) {
                throw new StartLineException("status code " + status + " is outside 100..699");
            }
            String reason = sp2 < 0 ? "" : line.substring(sp2 + 1);
            return SipResponse.fromWire(line, status, reason, headers, body, wire);
        }

        private SipRequest request(Headers headers, byte[] body, byte[] wire) {
            SipRequest common = commonRequest(data, startFrom, startTo, startLine, headers, body, wire);
            return common != null ? common : textRequest(startLine, headers, body, wire);
        }

        /** Where the start line is in data (its CRLF excluded). */
        private int startFrom;
        private int startTo;

        // ---- header lines ----

        /** Reads header lines up to the empty line; leaves pos at the first body byte. */
        private String readHeaders() {
            String pendingName = null;
            // The pending value is either text, or (known names only) still bytes: valueFrom..valueTo.
            String pendingValue = null;
            int pendingId = HeaderNames.UNKNOWN_ID;
            while (true) {
                if (pos >= end) {
                    // Datagram ending right after a header line without the empty line: accepted
                    // as the end of the headers with no body (the RFC 4475 baddn file ends so).
                    break;
                }
                int lf = scanLine(pos);
                if (lf < 0) {
                    return end - pos > limits.maxLineBytes() ? limits.lineTooLong() : "message ends inside a header line";
                }
                int contentEnd = lf > pos && data[lf - 1] == '\r' ? lf - 1 : lf;
                boolean mayHoldCr = bareCr;
                if (contentEnd - pos > limits.maxLineBytes()) {
                    return limits.lineTooLong();
                }
                int lineStart = pos;
                pos = lf + 1;
                if (contentEnd == lineStart) {
                    break;
                }
                byte first = data[lineStart];
                if (first == ' ' || first == '\t') {
                    if (pendingName == null) {
                        return "header continuation line before the first header";
                    }
                    if (!trim(lineStart, contentEnd, mayHoldCr)) {
                        return "header " + pendingName + " contains a bare CR";
                    }
                    if (valueFrom < valueTo) {
                        String more = Text.decode(data, valueFrom, valueTo);
                        if (pendingValue == null) {
                            pendingValue = Text.decode(data, pendingFrom, pendingTo);
                        }
                        pendingValue = pendingValue.isEmpty() ? more : pendingValue + " " + more;
                    } else if (pendingValue == null) {
                        pendingValue = Text.decode(data, pendingFrom, pendingTo);
                    }
                    continue;
                }
                if (pendingName != null && !add(pendingName, pendingId, pendingValue)) {
                    return limits.tooManyHeaders();
                }
                int known = HeaderNames.idAt(data, lineStart, contentEnd);
                int nameEnd = lineStart;
                if (known >= 0) {
                    nameEnd += known >>> 8;
                } else {
                    while (nameEnd < contentEnd && Text.isTokenByte(data[nameEnd])) {
                        nameEnd++;
                    }
                }
                int colon = nameEnd;
                while (colon < contentEnd && (data[colon] == ' ' || data[colon] == '\t')) {
                    colon++;
                }
                if (nameEnd == lineStart || colon >= contentEnd || data[colon] != ':') {
                    return "malformed header line: '" + Text.shorten(Text.decode(data, lineStart, contentEnd)) + "'";
                }
                pendingId = known >= 0 ? known & 0xff : HeaderNames.idOf(data, lineStart, nameEnd);
                pendingName = pendingId != HeaderNames.UNKNOWN_ID ? HeaderNames.name(pendingId)
                        : HeaderNames.canonical(Text.ascii(data, lineStart, nameEnd));
                if (!trim(colon + 1, contentEnd, mayHoldCr)) {
                    return "header " + pendingName + " contains a bare CR";
                }
                pendingFrom = valueFrom;
                pendingTo = valueTo;
                // Known headers other than Content-Length (read right here) stay bytes until asked for.
                pendingValue = pendingId != HeaderNames.UNKNOWN_ID && pendingName != HeaderNames.CONTENT_LENGTH
                        ? null : Text.decode(data, valueFrom, valueTo);
            }
            if (pendingName != null && !add(pendingName, pendingId, pendingValue)) {
                return limits.tooManyHeaders();
            }
            return null;
        }

        /** Bounds of the value being read, set by trim(). */
        private int valueFrom;
        private int valueTo;
        /** Bounds of the pending (not yet added) value while it is undecoded. */
        private int pendingFrom;
        private int pendingTo;

        /**
         * Sets valueFrom/valueTo to {@code [from, to)} without surrounding whitespace; false when
         * the value holds a bare CR (a line-ending ambiguity).
         */
        private boolean trim(int from, int to, boolean mayHoldCr) {
            while (from < to && (data[from] == ' ' || data[from] == '\t')) {
                from++;
            }
            while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t')) {
                to--;
            }
            for (int i = from; mayHoldCr && i < to; i++) {
                if (data[i] == '\r') {
                    return false;
                }
            }
            valueFrom = from;
            valueTo = to;
            return true;
        }

        /** Adds a field; a null value is kept as bytes (pendingFrom..pendingTo) until read. */
        private boolean add(String name, int id, String value) {
            if (count >= limits.maxHeaderFields()) {
                return false;
            }
            if (count == fields.length) {
                fields = Arrays.copyOf(fields, count * 2);
                nameIds = Arrays.copyOf(nameIds, count * 2);
                valueBounds = Arrays.copyOf(valueBounds, count * 4);
            }
            nameIds[count] = (byte) id;
            fields[count] = value == null ? null : new HeaderField(name, value);
            valueBounds[2 * count] = pendingFrom - base;
            valueBounds[2 * count + 1] = pendingTo - base;
            count++;
            return true;
        }

        /** Decodes the values still kept as bytes, for a result that must not refer to {@code data}. */
        private void decodeAll() {
            for (int i = 0; i < count; i++) {
                if (fields[i] == null) {
                    fields[i] = new HeaderField(HeaderNames.name(nameIds[i]),
                            Text.decode(data, valueBounds[2 * i] + base, valueBounds[2 * i + 1] + base));
                }
            }
        }

        /** Set by scanLine: the line holds a CR that is not part of its CRLF ending. */
        private boolean bareCr;

        /**
         * The index of the LF ending the line that starts at {@code from}, or -1; sets bareCr. Reads
         * eight bytes at a time looking for CR or LF, so a line costs about a step per eight bytes.
         */
        private int scanLine(int from) {
            bareCr = false;
            int i = indexOfCrOrLf(from);
            while (i < end) {
                if (data[i] == '\n') {
                    return i;
                }
                if (i + 1 < end && data[i + 1] == '\n') {
                    return i + 1;
                }
                bareCr = true;
                i = indexOfCrOrLf(i + 1);
            }
            return -1;
        }

        /** The OR of every byte the line scan read: the start line and header lines are ASCII when it has no high bit. */
        private long scanned;

        private int indexOfCrOrLf(int from) {
            int i = from;
            for (; i + 8 <= end; i += 8) {
                long w = (long) LONGS.get(data, i);
                scanned |= w;
                // Cheap filter first: is any byte below 0x0E (CR, LF, or rarely a tab or another
                // control)? The classic "has less than" test may flag extra bytes above the first
                // one it flags, never none when there is one, so it only decides whether to look.
                if (((w - 0x0E0E0E0E0E0E0E0EL) & ~w & HIGH) == 0) {
                    continue;
                }
                long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
                long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
                // Exact zero-byte test (no false positives): the high bit of a byte ends up set only
                // where cr or lf is zero, so the lowest set bit marks the first CR or LF.
                long hits = ~(((cr & LOW7) + LOW7) | cr | LOW7) | ~(((lf & LOW7) + LOW7) | lf | LOW7);
                if (hits != 0) {
                    return i + (Long.numberOfTrailingZeros(hits) >>> 3);
                }
            }
            for (; i < end; i++) {
                scanned |= data[i];
                if (data[i] == '\r' || data[i] == '\n') {
                    return i;
                }
            }
            return end;
        }

        // ---- Content-Length ----

        private String singleContentLength() {
            String found = null;
            for (int i = 0; i < count; i++) {
                // Content-Length is always decoded at once: a null field is some other header.
                if (fields[i] != null && fields[i].name() == HeaderNames.CONTENT_LENGTH) {
                    if (found != null) {
                        return null;
                    }
                    found = fields[i].value();
                }
            }
            return found;
        }

        private int count(String canonicalName) {
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (fields[i] != null && fields[i].name() == canonicalName) {
                    n++;
                }
            }
            return n;
        }

        /** The value, or -1 when it is not 1*DIGIT or exceeds the message limit. */
        private long contentLength(String v) {
            if (v.isEmpty() || !Text.allDigits(v)) {
                return -1;
            }
            int first = 0;
            while (first < v.length() - 1 && v.charAt(first) == '0') {
                first++; // leading zeros are valid 1*DIGIT
            }
            if (v.length() - first > 10) {
                return -1;
            }
            long n = Long.parseLong(v, first, v.length(), 10);
            return n > limits.maxMessageBytes() ? -1 : n;
        }

        private String contentLengthDefect(String v) {
            if (v.startsWith("-")) {
                return "Content-Length is negative: " + Text.shorten(v);
            }
            if (!v.isEmpty() && Text.allDigits(v)) {
                return "Content-Length " + Text.shorten(v) + " exceeds the " + limits.maxMessageBytes() + "-byte limit";
            }
            return "Content-Length is not a number: '" + Text.shorten(v) + "'";
        }

        private ParseResult invalid(String reason) {
            decodeAll();
            Headers partial = Headers.wrap(fields, nameIds, count);
            Optional<String> callId = partial.first(HeaderNames.CALL_ID);
            return new ParseResult.Invalid(reason, startLine, callId, partial);
        }
    }

/**
 * The Request-Line read as text, with every check; throws a StartLineException naming the defect.
 * (Package-private for the test that compares it with {@link #commonRequest}.)
 */
    static SipRequest textRequest(String line, Headers headers, byte[] body, byte[] wire) {
        if (line.endsWith(" ") || line.endsWith("\t")) {
            throw new StartLineException("Request-Line has trailing whitespace");
        }
        if (line.indexOf('\t') >= 0) {
            throw new StartLineException("Request-Line contains a tab; elements are separated by single SP");
        }
        int sp1 = line.indexOf(' ');
        int sp2 = line.lastIndexOf(' ');
        if (sp1 < 0 || sp1 == sp2) {
            throw new StartLineException("malformed Request-Line: '" + Text.shorten(line) + "'");
        }
        String method = method(line, sp1);
        if (!Text.isToken(method)) {
            throw new StartLineException("method is not a token: '" + Text.shorten(method) + "'");
        }
        checkVersion(line, sp2 + 1, line.length(), "Request-Line");
        String uriText = line.substring(sp1 + 1, sp2);
        if (uriText.isEmpty() || uriText.startsWith(" ") || uriText.endsWith(" ")) {
            throw new StartLineException("Request-Line elements must be separated by a single SP");
        }
        if (uriText.indexOf(' ') >= 0) {
            throw new StartLineException("Request-URI contains whitespace: '" + Text.shorten(uriText) + "'");
        }
        return SipRequest.fromWire(line, method, requestUri(uriText), headers, body, wire);
    }

    /**
     * The usual Request-Line, "METHOD sip:uri SIP/2.0" in ASCII with a sip or sips URI, read
     * from the bytes in one pass; null for anything else, which the text path decides (with
     * the reason when it is a defect). Accepts exactly what the text path accepts, with the
     * same method, URI and start line.
     */
    static SipRequest commonRequest(byte[] data, int from, int to, String startLine, Headers headers, byte[] body,
                                    byte[] wire) {
        int sp1 = -1;
        int sp2 = -1;
        for (int i = from; i < to; i++) {
            byte c = data[i];
            if (c == ' ') {
                if (sp1 < 0) {
                    sp1 = i;
                } else if (sp2 < 0) {
                    sp2 = i;
                } else {
                    return null;
                }
            } else if (c == '\t' || c < 0) {
                return null;
            }
        }
        if (sp2 < 0 || sp1 == from || sp2 == sp1 + 1 || to - sp2 != 8 || data[sp1 + 1] == '<'
                || !isSipVersion(data, sp2 + 1)) {
            return null;
        }
        for (int i = from; i < sp1; i++) {
            if (!Text.isTokenByte(data[i])) {
                return null;
            }
        }
        // A URI from here has no headers part: the fast path leaves '?' to Uri.parse.
        SipUri uri = SipUri.parseAsciiOrNull(data, sp1 + 1, sp2, true); // the loop above saw no byte >= 0x80
        return uri == null ? null
                : SipRequest.fromWire(startLine, method(startLine, sp1 - from), uri, headers, body, wire);
    }

    /** "SIP/2.0" at b[at], letters in any case (as checkVersion compares). */
    private static boolean isSipVersion(byte[] b, int at) {
        return (b[at] | 0x20) == 's' && (b[at + 1] | 0x20) == 'i' && (b[at + 2] | 0x20) == 'p'
                && b[at + 3] == '/' && b[at + 4] == '2' && b[at + 5] == '.' && b[at + 6] == '0';
    }

    private static Uri requestUri(String text) {
        if (text.startsWith("<")) {
            throw new StartLineException("Request-URI must not be enclosed in <>");
        }
        Uri uri;
        try {
            uri = Uri.parse(text);
        } catch (InvalidUriException e) {
            throw new StartLineException("malformed Request-URI: " + e.getMessage());
        }
        if (uri instanceof SipUri s && text.indexOf('?') >= 0 && !s.headers().isEmpty()) {
            // RFC 3261 §19.1.1 Table 1: headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
            throw new StartLineException("Request-URI must not contain escaped headers ('?' part)");
        }
        return uri;
    }

    private static final String[] METHODS = {
        "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "SUBSCRIBE", "NOTIFY", "PRACK", "UPDATE",
        "REFER", "MESSAGE", "INFO", "PUBLISH",
    };

    /** The method before {@code end}: a shared constant for the common ones, else a copy. */
    private static String method(String line, int end) {
        for (String m : METHODS) {
            if (m.length() == end && line.startsWith(m)) {
                return m;
            }
        }
        return line.substring(0, end);
    }

    private static void checkVersion(String line, int from, int to, String where) {
        if (to - from == 7 && line.regionMatches(true, from, "SIP/2.0", 0, 7)) {
            return;
        }
        checkVersion(line.substring(from, to), where);
    }

    private static void checkVersion(String version, String where) {
        if (version.equalsIgnoreCase("SIP/2.0")) {
            return;
        }
        if (version.regionMatches(true, 0, "SIP/", 0, 4)) {
            throw new StartLineException("unsupported SIP version " + Text.shorten(version) + " (505)");
        }
        throw new StartLineException("malformed " + where + ": no SIP/2.0 version");
    }

    /** A start-line defect, caught inside this class (and by its tests). */
    static final class StartLineException extends RuntimeException {
        StartLineException(String message) {
            super(message, null, false, false);
        }
    }
}
