package dev.lifeline.sip.auth;

/**
 * Makes a value from the wire safe to put in a rejection reason: reasons end up in logs and
 * events, and a header is attacker-controlled, so control characters and length are cut.
 */
final class Printable {

    private static final int MAX = 64;

    private Printable() {
    }

    static String of(String value) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX) + 1);
        for (int i = 0; i < value.length() && sb.length() < MAX; i++) {
            char c = value.charAt(i);
            sb.append(c >= 0x20 && c != 0x7f ? c : '?');
        }
        if (value.length() > MAX) {
            sb.append('…');
        }
        return sb.toString();
    }
}
