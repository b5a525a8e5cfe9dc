package dev.lifeline.drill.scenario;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a scenario file, so one run lists them all. */
final class Problems {

    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(YamlNode.Where at, String fieldPath, String message) {
        found.add(new ConfigProblem(file, at.line(), at.column(), fieldPath, message));
    }

    int count() {
        return found.size();
    }

    /** Throws with every problem in file order, if there is any. */
    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(ConfigProblem.IN_FILE_ORDER);
            throw new ConfigException(sorted);
        }
    }
}
