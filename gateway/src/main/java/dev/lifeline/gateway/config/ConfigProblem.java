package dev.lifeline.gateway.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a configuration file, located so an engineer can go straight to it.
 * Messages never contain secret values.
 *
 * @param file the file as the user named it
 * @param line 1-based line, 0 when the problem concerns the whole file
 * @param column 1-based column, 0 when unknown
 * @param fieldPath where in the document, e.g. {@code extensions[2].number}; empty for the whole file
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String file, int line, int column, String fieldPath, String message) {

    /** File order, so problems read top to bottom like the file. */
    public static final Comparator<ConfigProblem> IN_FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fieldPath, "fieldPath");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: field: message}, the shape compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!fieldPath.isEmpty()) {
            sb.append(fieldPath).append(": ");
        }
        return sb.append(message).toString();
    }
}
