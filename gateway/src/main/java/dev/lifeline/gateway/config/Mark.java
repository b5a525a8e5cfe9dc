package dev.lifeline.gateway.config;

/**
 * A place in the configuration file, 1-based as editors show it. Line 0 means "nowhere in
 * particular" (a problem with the file as a whole).
 */
record Mark(int line, int column) {

    static final Mark START = new Mark(1, 1);
}
