package dev.lifeline.gateway.config;

/**
 * A place in a YAML file (a site configuration, a drill scenario), 1-based as editors show it. Line 0 means "nowhere in
 * particular" (a problem with the file as a whole).
 */
public record Mark(int line, int column) {

    public static final Mark START = new Mark(1, 1);
}
