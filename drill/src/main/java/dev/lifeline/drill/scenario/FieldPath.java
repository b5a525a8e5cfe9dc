package dev.lifeline.drill.scenario;

/** How field paths are spelled in problems: {@code timeline[3].path}, {@code settings.phones}. */
final class FieldPath {

    private FieldPath() {
    }

    static String child(String parent, String key) {
        boolean plain = !key.isEmpty() && Character.isLetter(key.charAt(0))
                && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
        if (!plain) {
            return parent + "[\"" + key + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
