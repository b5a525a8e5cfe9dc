package dev.lifeline.gateway.admission;

import dev.lifeline.sip.message.HeaderNames;
import dev.lifeline.sip.message.SipRequest;
import dev.lifeline.sip.uri.AbsoluteUri;
import dev.lifeline.sip.uri.SipUri;
import dev.lifeline.sip.uri.TelUri;
import dev.lifeline.sip.uri.Uri;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@link Priority} a new request has, from its first lines alone (it runs on the
 * transport thread, before any lookup).
 *
 * <p>An INVITE is an emergency call when the dialled digits are an emergency number, or an
 * emergency number after at most {@value #MAX_PREFIX} leading digits (an outside-line prefix:
 * 9911, 0112), or when the Request-URI is an RFC 5031 {@code urn:service:sos} URN. Erring
 * towards "emergency" costs only that the request is not shed for load; it is still
 * authenticated and routed as ever.
 */
public final class RequestClasses {

    static final int MAX_PREFIX = 2;

    private final Set<String> emergency;

    public RequestClasses(List<String> emergencyNumbers) {
        this.emergency = Set.copyOf(emergencyNumbers);
    }

    public Priority classify(SipRequest request) {
        if (request.to().tag().isPresent() || request.isMethod("CANCEL")) {
            return Priority.IN_DIALOG; // CANCEL ends work already admitted
        }
        return switch (request.method()) {
            case "INVITE" -> isEmergency(request.requestUri()) ? Priority.EMERGENCY : Priority.NEW_CALL;
            case "REGISTER" -> hasCredentials(request) ? Priority.REGISTER_WITH_CREDENTIALS : Priority.NEW_REGISTER;
            default -> Priority.OTHER;
        };
    }

    public boolean isEmergency(Uri uri) {
        if (uri instanceof AbsoluteUri abs && abs.toString().toLowerCase(Locale.ROOT).startsWith("urn:service:sos")) {
            return true;
        }
        String dialled = switch (uri) {
            case SipUri sip -> sip.user();
            case TelUri tel -> tel.digits();
            case AbsoluteUri abs -> "";
        };
        String digits = digitsOf(dialled);
        for (int prefix = 0; prefix <= MAX_PREFIX && prefix < digits.length(); prefix++) {
            if (emergency.contains(digits.substring(prefix))) {
                return true;
            }
        }
        return false;
    }

    /** The longest request line looked at before parsing: an INVITE's method, URI and version. */
    static final int MAX_REQUEST_LINE = 512;

    /**
     * Whether a datagram, not parsed yet, starts with {@code INVITE <uri> SIP/2.0} where the URI
     * names an emergency number (as {@link #isEmergency}). Looks at the first line only; anything
     * unusual is simply not an emergency here (the parsed request is classified again).
     */
    public boolean isEmergencyRequestLine(byte[] datagram, int length) {
        int end = Math.min(length, MAX_REQUEST_LINE);
        if (end < 16 || datagram[0] != 'I' || datagram[1] != 'N' || datagram[2] != 'V' || datagram[3] != 'I'
                || datagram[4] != 'T' || datagram[5] != 'E' || datagram[6] != ' ') {
            return false;
        }
        int uriEnd = 7;
        while (uriEnd < end && datagram[uriEnd] != ' ' && datagram[uriEnd] != '\r') {
            uriEnd++;
        }
        if (uriEnd >= end || datagram[uriEnd] != ' ') {
            return false;
        }
        try {
            return isEmergency(dev.lifeline.sip.uri.Uri.parse(
                    new String(datagram, 7, uriEnd - 7, java.nio.charset.StandardCharsets.ISO_8859_1)));
        } catch (RuntimeException e) {
            return false;   // not a URI: the parser will say so properly
        }
    }

    static boolean hasCredentials(SipRequest request) {
        return request.headers().contains(HeaderNames.AUTHORIZATION)
                || request.headers().contains(HeaderNames.PROXY_AUTHORIZATION);
    }

    private static String digitsOf(String user) {
        if (user == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c == ';') {
                break; // user parameters (RFC 4694 ;npdi...) are not dialled digits
            } else if (c != '+' && c != '-' && c != '.' && c != '(' && c != ')') {
                return ""; // a name, not a number
            }
        }
        return sb.toString();
    }
}
