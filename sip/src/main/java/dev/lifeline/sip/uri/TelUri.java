package dev.lifeline.sip.uri;

/**
 * A tel: URI (RFC 3966): a global number starting with '+', or a local number that must carry a
 * phone-context parameter. The number is kept as written (visual separators included);
 * {@link #digits()} drops the separators for routing.
 *
 * @param number the number as written, e.g. "+1-201-555-0123" or "7042"
 * @param params parameters (phone-context, ext, isub…), values as written
 */
public record TelUri(String number, Parameters params) implements Uri {

    public TelUri {
        checkNumber(number);
        if (!number.startsWith("+") && !params.has("phone-context")) {
            throw new InvalidUriException("local tel number without phone-context: '" + number + "'");
        }
    }

    static TelUri parse(String text, int colon) {
        String rest = text.substring(colon + 1);
        int semi = rest.indexOf(';');
        String number = semi < 0 ? rest : rest.substring(0, semi);
        Parameters.Collector params = new Parameters.Collector();
        if (semi >= 0) {
            for (String p : rest.substring(semi + 1).split(";", -1)) {
                int eq = p.indexOf('=');
                String name = eq < 0 ? p : p.substring(0, eq);
                if (name.isEmpty()) {
                    throw new InvalidUriException("tel URI has an empty parameter: '" + text + "'");
                }
                String value = eq < 0 ? null : p.substring(eq + 1);
                PercentEncoding.check(name, "-", "parameter");
                if (value != null) {
                    PercentEncoding.check(value, SipUri.PARAM_CHARS + "+#", "parameter");
                }
                params.add(name, value);
            }
        }
        return new TelUri(number, params.build());
    }

    private static void checkNumber(String number) {
        boolean global = number.startsWith("+");
        int digits = 0;
        for (int i = global ? 1 : 0; i < number.length(); i++) {
            char c = number.charAt(i);
            boolean digit = global ? (c >= '0' && c <= '9') : (Character.digit(c, 16) >= 0 || c == '*' || c == '#');
            if (digit) {
                digits++;
            } else if (c != '-' && c != '.' && c != '(' && c != ')') {
                throw new InvalidUriException("character '" + c + "' not allowed in tel number '" + number + "'");
            }
        }
        if (digits == 0) {
            throw new InvalidUriException("tel URI has no digits: '" + number + "'");
        }
    }

    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** The number without visual separators, e.g. "+12015550123". */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String scheme() {
        return "tel";
    }

    @Override
    public String toString() {
        return "tel:" + number + params;
    }
}
