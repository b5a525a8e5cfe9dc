package dev.lifeline.gateway.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems while a file is read, so one run of {@code config check} lists them all
 * instead of making the engineer fix and rerun once per mistake.
 */
public final class Problems {

    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();
    private int hidden;

    public Problems(String file) {
        this.file = file;
    }

    public void add(Mark at, String fieldPath, String message) {
        found.add(new ConfigProblem(file, at.line(), at.column(), fieldPath, message));
    }

    /**
     * Counts a problem that is not shown because another already explains it (a required
     * key "missing" next to its reported misspelling); readers still must not build a record.
     */
    public void addHidden() {
        hidden++;
    }

    /** Problems so far, hidden ones included: readers compare counts to know whether a part failed. */
    public int count() {
        return found.size() + hidden;
    }

    /** Throws with every problem in file order, if there is any. */
    public void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(ConfigProblem.IN_FILE_ORDER);
            throw new ConfigException(sorted);
        }
    }
}
