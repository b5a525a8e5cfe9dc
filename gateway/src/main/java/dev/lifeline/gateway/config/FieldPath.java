package dev.lifeline.gateway.config;

/**
 * How field paths are spelled in problems: {@code trunks[0].callerId.outbound},
 * {@code dids["+15550100"]}, {@code timeline[3].path}.
 */
public final class FieldPath {

    private FieldPath() {
    }

    public static String child(String parent, String key) {
        // Keys that are data (DIDs, numbers) are bracketed so they are not mistaken for field names.
        boolean plain = !key.isEmpty() && Character.isLetter(key.charAt(0))
                && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        if (!plain) {
            return parent + "[\"" + key + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
