package dev.lifeline.gateway.config;

import java.util.List;

/**
 * A configuration file that cannot be used, with every problem found in it. Checked,
 * because a caller starting a gateway must decide what to tell the operator.
 */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String summary(List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (ConfigProblem p : problems) {
            sb.append(System.lineSeparator()).append(p);
        }
        return sb.toString();
    }
}
