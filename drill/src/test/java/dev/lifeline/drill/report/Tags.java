package dev.lifeline.drill.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test check that a page's tags nest and close: well-formed enough for browsers and scrapers. */
public final class Tags {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?(/?)>");
    private static final Set<String> VOID = Set.of("meta", "br", "img", "hr", "input", "link");

    private Tags() {
    }

    /** The first nesting problem, or "" when every tag closes in order. */
    public static String problems(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher m = TAG.matcher(html.replaceAll("(?s)<!--.*?-->", ""));
        while (m.find()) {
            String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
            if (VOID.contains(name) || !m.group(3).isEmpty()) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.peek().equals(name)) {
                return "</" + name + "> at " + m.start() + " closes " + (open.isEmpty() ? "nothing" : "<" + open.peek() + ">");
            } else {
                open.pop();
            }
        }
        return open.isEmpty() ? "" : "unclosed " + open;
    }
}
