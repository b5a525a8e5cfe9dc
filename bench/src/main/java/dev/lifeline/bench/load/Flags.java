package dev.lifeline.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} pairs of a load subcommand; unknown names and bad numbers are usage errors.
 * A name given twice keeps both values ({@link #all}); the single-value readers take the last.
 */
public final class Flags {

    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> repeated = new HashMap<>();

    private Flags() {
    }

    /** Thrown for a command line that does not parse; the message is for the user. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Flags parse(List<String> args, Set<String> known) throws UsageException {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new UsageException("unknown option " + name + "; expected one of --" + String.join(", --", known));
            }
            if (i + 1 == args.size()) {
                throw new UsageException(name + " needs a value");
            }
            String value = args.get(++i);
            flags.values.put(name.substring(2), value);
            flags.repeated.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(value);
        }
        return flags;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every value given for {@code name}, in order. */
    public List<String> all(String name) {
        return repeated.getOrDefault(name, List.of());
    }

    public String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /** A whole number of 0 or more. */
    public int atLeastZero(String name, int otherwise) throws UsageException {
        return values.containsKey(name) && values.get(name).equals("0") ? 0 : positive(name, otherwise);
    }

    public int positive(String name, int otherwise) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " takes a whole number above 0, not '" + v + "'");
    }

    public Duration seconds(String name, Duration otherwise) throws UsageException {
        return values.containsKey(name) ? Duration.ofSeconds(positive(name, 0)) : otherwise;
    }

    public Duration millis(String name, Duration otherwise) throws UsageException {
        return values.containsKey(name) ? Duration.ofMillis(positive(name, 0)) : otherwise;
    }
}
