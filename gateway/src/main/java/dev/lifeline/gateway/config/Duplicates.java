package dev.lifeline.gateway.config;

import java.util.HashMap;
import java.util.Map;

/** Remembers where each value was first given, to report a second use with both places. */
final class Duplicates {

    private final String what;
    private final Map<String, Mark> seen = new HashMap<>();

    /** @param what how the value is called in the message, e.g. "extension number" */
    Duplicates(String what) {
        this.what = what;
    }

    /** True the first time; a problem at {@code at} afterwards. */
    boolean add(String value, Mark at, String fieldPath, Problems problems) {
        Mark first = seen.putIfAbsent(value, at);
        if (first == null) {
            return true;
        }
        problems.add(at, fieldPath, what + " " + value + " is already used on line " + first.line()
                + "; expected each " + what + " once");
        return false;
    }
}
