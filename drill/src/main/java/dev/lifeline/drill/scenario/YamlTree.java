package dev.lifeline.drill.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Reads YAML text into a {@link YamlNode} tree with Jackson's streaming parser, keeping where each
 * key and value was written. Syntax errors and duplicate keys become problems.
 */
final class YamlTree {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Problems problems;

    YamlTree(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty (with a problem recorded) when there is none to read. */
    Optional<YamlNode> read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                problems.add(YamlNode.Where.START, "", "the file is empty; expected a scenario starting with 'name:'");
                return Optional.empty();
            }
            YamlNode root = node(parser, "");
            if (parser.nextToken() != null) {
                problems.add(where(parser.currentTokenLocation()), "",
                        "a second YAML document ('---') follows; expected one scenario per file");
            }
            return Optional.of(root);
        } catch (StreamConstraintsException e) {
            problems.add(YamlNode.Where.START, "", "the file is nested or sized beyond what a scenario needs: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            syntaxProblem(e);
        }
        return Optional.empty();
    }

    private YamlNode node(JsonParser parser, String path) throws IOException {
        YamlNode.Where at = where(parser.currentTokenLocation());
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(parser, path, at);
            case START_ARRAY -> sequence(parser, path, at);
            case VALUE_NULL -> new YamlNode.Scalar(null, at);
            default -> new YamlNode.Scalar(parser.getText(), at);
        };
    }

    private YamlNode.Mapping mapping(JsonParser parser, String path, YamlNode.Where at) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Where keyWhere = where(parser.currentTokenLocation());
            parser.nextToken();
            String childPath = FieldPath.child(path, key);
            YamlNode value = node(parser, childPath);
            if (value instanceof YamlNode.Scalar s && s.text() == null) {
                // An empty value has no place of its own worth showing; point at its key.
                value = new YamlNode.Scalar(null, keyWhere);
            }
            YamlNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(keyWhere, childPath, "'" + key + "' is given twice (first on line "
                        + earlier.keyWhere().line() + "); expected each key once");
            } else {
                entries.put(key, new YamlNode.Entry(key, keyWhere, value));
            }
        }
        return new YamlNode.Mapping(entries, at);
    }

    private YamlNode.Sequence sequence(JsonParser parser, String path, YamlNode.Where at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, FieldPath.index(path, items.size())));
        }
        return new YamlNode.Sequence(items, at);
    }

    /** SnakeYAML's own message quotes the offending line; only its description and marks are used. */
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
            if (problem.contains("<block")) {
                message.append("; check the indentation of this line");
            }
            if (problem.contains("block scalar") || problem.contains("indentation indicator")) {
                message.append("; a comparator such as \">=\" must be quoted");
            }
            YamlNode.Where at = problemMark == null ? YamlNode.Where.START
                    : new YamlNode.Where(problemMark.getLine() + 1, problemMark.getColumn() + 1);
            problems.add(at, "", message.toString());
            return;
        }
        YamlNode.Where at = e instanceof JsonProcessingException j && j.getLocation() != null
                ? where(j.getLocation()) : YamlNode.Where.START;
        problems.add(at, "", "not readable as YAML (" + e.getClass().getSimpleName() + ")");
    }

    private static YamlNode.Where where(JsonLocation location) {
        return new YamlNode.Where(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }
}
