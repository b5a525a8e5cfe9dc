package dev.lifeline.gateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into a {@link YamlNode} tree, driving Jackson's streaming parser so that
 * the location of every key and value is kept. Syntax errors and duplicate keys become
 * problems; the tree is empty when the text is not readable YAML.
 */
public final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;
    private final String document;
    private final String expected;

    /** A site configuration. */
    YamlTree(Problems problems) {
        this(problems, "configuration", "a YAML mapping starting with 'site:'");
    }

    /**
     * @param document  what one file holds, for messages: "configuration", "scenario"
     * @param expected  what an empty file should have held, e.g. "a scenario starting with 'name:'"
     */
    public YamlTree(Problems problems, String document, String expected) {
        this.problems = problems;
        this.document = document;
        this.expected = expected;
    }

    /** The document's root, or empty (with a problem recorded) when there is none to read. */
    public Optional<YamlNode> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(Mark.START, "", "the file is empty; expected " + expected);
                return Optional.empty();
            }
            YamlNode root = node(parser, "");
            if (parser.nextToken() != null) {
                problems.add(mark(parser.currentTokenLocation()), "",
                        "a second YAML document ('---') follows; expected one " + document + " per file");
            }
            return Optional.of(root);
        } catch (StreamConstraintsException e) {
            problems.add(Mark.START, "", "the file is nested or sized beyond what a " + document + " needs: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            syntaxProblem(e);
        }
        return Optional.empty();
    }

    private YamlNode node(JsonParser parser, String path) throws IOException {
        Mark at = mark(parser.currentTokenLocation());
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, path, at);
            case START_ARRAY -> sequence(parser, path, at);
            case VALUE_NULL -> new YamlNode.Scalar(null, at);
            default -> new YamlNode.Scalar(parser.getText(), at);
        };
    }

    private YamlNode.Mapping mapping(JsonParser parser, String path, Mark at) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark(parser.currentTokenLocation());
            parser.nextToken();
            String childPath = FieldPath.child(path, key);
            YamlNode value = node(parser, childPath);
            if (value instanceof YamlNode.Scalar s && s.text() == null) {
                // An empty value has no place of its own worth showing; point at its key.
                value = new YamlNode.Scalar(null, keyMark);
            }
            YamlNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(keyMark, childPath, "'" + key + "' is given twice (first on line "
                        + earlier.keyMark().line() + "); expected each key once");
            } else {
                entries.put(key, new YamlNode.Entry(key, keyMark, value));
            }
        }
        return new YamlNode.Mapping(entries, at);
    }

    private YamlNode.Sequence sequence(JsonParser parser, String path, Mark at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, FieldPath.index(path, items.size())));
        }
        return new YamlNode.Sequence(items, at);
    }

    /**
     * SnakeYAML's own message quotes the offending line, which may hold a password; only
     * its description of the problem and the marks are used.
     */
    private void syntaxProblem(IOException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
            org.yaml.snakeyaml.error.Mark problemMark = yaml.getProblemMark();
            org.yaml.snakeyaml.error.Mark contextMark = yaml.getContextMark();
            StringBuilder message = new StringBuilder("YAML syntax: ").append(yaml.getProblem());
            if (yaml.getContext() != null) {
                message.append(' ').append(yaml.getContext());
                if (contextMark != null && problemMark != null && contextMark.getLine() != problemMark.getLine()) {
                    message.append(" that starts on line ").append(contextMark.getLine() + 1);
                }
            }
            String problem = String.valueOf(yaml.getProblem());
            if (problem.contains("block scalar") || problem.contains("indentation indicator")) {
                message.append("; a value starting with '>' or '|' (e.g. a comparator such as \">=\") must be quoted");
            }
            if (problem.contains("<block")) {
                message.append("; check the indentation of this line");
            }
            Mark at = problemMark == null ? Mark.START
                    : new Mark(problemMark.getLine() + 1, problemMark.getColumn() + 1);
            problems.add(at, "", message.toString());
            return;
        }
        Mark at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                ? mark(j.getLocation()) : Mark.START;
        problems.add(at, "", "not readable as YAML (" + e.getClass().getSimpleName() + ")");
    }

    private static Mark mark(JsonLocation location) {
        return new Mark(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }
}
