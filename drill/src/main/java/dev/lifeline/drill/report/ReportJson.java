package dev.lifeline.drill.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads {@code report.json} in the shape documented in this package's
 * {@code package-info}. The tree is built field by field, not by reflecting on the records,
 * so renaming a Java component can never rename a field that scripts depend on.
 */
public final class ReportJson {

    /** The file name inside the output directory. */
    public static final String FILE_NAME = "report.json";
    /** The value of the trailing {@code "format"} field. */
    public static final String FORMAT = "lifeline-drill-report/1";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** Writes {@code outDir/report.json} (creating the directory) and returns the file. */
    public static Path write(DrillReport report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE_NAME);
        Files.writeString(file, toJson(report) + "\n");
        return file;
    }

    /** The report as report.json text. */
    public static String toJson(DrillReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; reaching here is a bug, not a user error.
            throw new IllegalStateException("cannot serialise the drill report: " + e.getMessage(), e);
        }
    }

    /** The report as a Jackson tree, in the documented field order. */
    public static ObjectNode tree(DrillReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("suite", report.suite());
        root.put("started", report.started().toString());
        root.put("config", report.config());
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioReport s : report.scenarios()) {
            scenarios.add(scenario(s));
        }
        root.put("format", FORMAT);
        if (!report.notes().isEmpty()) {
            ArrayNode notes = root.putArray("notes");   // added field: after "format", only when there are notes
            report.notes().forEach(notes::add);
        }
        return root;
    }

    private static ObjectNode scenario(ScenarioReport s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", s.name());
        n.put("verdict", s.verdict().jsonName());
        ObjectNode metrics = n.putObject("metrics");
        s.metrics().forEach(metrics::put);
        ArrayNode slos = n.putArray("slos");
        for (SloLine l : s.slos()) {
            slos.addObject().put("name", l.name()).put("target", l.target()).put("measured", l.measured()).put("pass", l.pass());
        }
        ArrayNode events = n.putArray("events");
        for (ReportEvent e : s.events()) {
            events.addObject().put("at_ms", e.atOffsetMillis()).put("type", e.type()).put("summary", e.summary());
        }
        ArrayNode series = n.putArray("series");
        for (Series line : s.series()) {
            ObjectNode o = series.addObject().put("name", line.name()).put("unit", line.unit());
            ArrayNode points = o.putArray("points");
            for (Series.Point p : line.points()) {
                points.addArray().add(p.tMillis()).add(p.value());
            }
        }
        n.put("reading", s.readingOrGenerated());
        s.error().ifPresent(e -> n.put("error", e));
        return n;
    }

    /**
     * Reads a report.json written by {@link #write}; a directory means the report.json in it.
     * Unknown fields are ignored (newer writers may add some). A file that is not such a
     * report fails with an {@link IOException} naming the file and the field.
     */
    public static DrillReport read(Path file) throws IOException {
        Path f = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": no such file; expected the report.json a drill wrote (./lifeline drill --out DIR writes DIR/report.json)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(f + ": not JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + "); expected the report.json a drill wrote", e);
        }
        try {
            return report(root);
        } catch (BadField e) {
            throw new IOException(f + ": " + e.getMessage() + "; expected the report.json a drill wrote");
        }
    }

    /** Reads report.json text; {@code name} is used in messages. */
    public static DrillReport parse(String name, String json) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(name + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        try {
            return report(root);
        } catch (BadField e) {
            throw new IOException(name + ": " + e.getMessage());
        }
    }

    private static DrillReport report(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new BadField("the top level is not an object");
        }
        Instant started;
        String startedText = text(root, "started", "started");
        try {
            started = Instant.parse(startedText);
        } catch (DateTimeParseException e) {
            throw new BadField("started: '" + startedText + "' is not an ISO-8601 instant such as 2026-03-01T09:00:00Z");
        }
        List<ScenarioReport> scenarios = new ArrayList<>();
        JsonNode list = array(root, "scenarios", "scenarios");
        for (int i = 0; i < list.size(); i++) {
            scenarios.add(scenario(list.get(i), "scenarios[" + i + "]"));
        }
        List<String> notes = new ArrayList<>();
        if (root.path("notes").isArray()) {
            root.get("notes").forEach(n -> notes.add(n.asText()));
        }
        return new DrillReport(text(root, "suite", "suite"), started, text(root, "config", "config"), scenarios, notes);
    }

    private static ScenarioReport scenario(JsonNode n, String at) {
        if (!n.isObject()) {
            throw new BadField(at + " is not an object");
        }
        String name = text(n, "name", at);
        String verdictText = text(n, "verdict", at);
        Verdict verdict = Verdict.fromJson(verdictText)
                .orElseThrow(() -> new BadField(at + ".verdict: '" + verdictText + "' is not pass, fail or error"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = n.get("metrics");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw new BadField(at + ".metrics is not an object");
            }
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (!e.getValue().isNumber()) {
                    throw new BadField(at + ".metrics." + e.getKey() + " is not a number");
                }
                metrics.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        List<SloLine> slos = new ArrayList<>();
        JsonNode sl = optionalArray(n, "slos", at);
        for (int i = 0; i < sl.size(); i++) {
            JsonNode o = sl.get(i);
            String where = at + ".slos[" + i + "]";
            slos.add(new SloLine(text(o, "name", where), text(o, "target", where), text(o, "measured", where),
                    bool(o, "pass", where)));
        }
        List<ReportEvent> events = new ArrayList<>();
        JsonNode ev = optionalArray(n, "events", at);
        for (int i = 0; i < ev.size(); i++) {
            JsonNode o = ev.get(i);
            String where = at + ".events[" + i + "]";
            events.add(new ReportEvent(number(o, "at_ms", where).longValue(), text(o, "type", where), text(o, "summary", where)));
        }
        List<Series> series = new ArrayList<>();
        JsonNode se = optionalArray(n, "series", at);
        for (int i = 0; i < se.size(); i++) {
            JsonNode o = se.get(i);
            String where = at + ".series[" + i + "]";
            List<Series.Point> points = new ArrayList<>();
            JsonNode ps = array(o, "points", where);
            for (int j = 0; j < ps.size(); j++) {
                JsonNode p = ps.get(j);
                if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new BadField(where + ".points[" + j + "] is not a pair [t_ms, value]");
                }
                points.add(new Series.Point(p.get(0).longValue(), p.get(1).doubleValue()));
            }
            series.add(new Series(text(o, "name", where), text(o, "unit", where), points));
        }
        JsonNode reading = n.get("reading");
        JsonNode error = n.get("error");
        Optional<String> errorText = error == null || error.isNull() ? Optional.empty() : Optional.of(error.asText());
        if (verdict == Verdict.ERROR && errorText.isEmpty()) {
            errorText = Optional.of("no reason recorded");
        }
        if (verdict != Verdict.ERROR) {
            errorText = Optional.empty();
        }
        try {
            return new ScenarioReport(name, verdict, metrics, slos, events, series,
                    reading == null || reading.isNull() ? "" : reading.asText(), errorText);
        } catch (IllegalArgumentException e) {
            throw new BadField(at + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadField(at + (at.equals(field) ? "" : "." + field) + (v == null ? " is missing" : " is not a string"));
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new BadField(at + "." + field + (v == null ? " is missing" : " is not true or false"));
        }
        return v.asBoolean();
    }

    private static Number number(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new BadField(at + "." + field + (v == null ? " is missing" : " is not a number"));
        }
        return v.numberValue();
    }

    private static JsonNode array(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new BadField(at + (at.equals(field) ? "" : "." + field) + (v == null ? " is missing" : " is not a list"));
        }
        return v;
    }

    private static JsonNode optionalArray(JsonNode n, String field, String at) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? MAPPER.createArrayNode() : array(n, field, at);
    }

    /** A field that is missing or of the wrong kind; turned into an IOException naming the file. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }
}
