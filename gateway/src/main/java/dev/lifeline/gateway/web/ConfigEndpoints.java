package dev.lifeline.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeline.gateway.change.ChangeControl;
import dev.lifeline.gateway.change.ChangeControl.Outcome;
import dev.lifeline.gateway.change.ConfigVersion;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Change control over the admin API:
 * {@code POST /api/config/apply} ({@code {"yaml", "source", "who", "confirmWithinSeconds", "gateSeconds"}}),
 * {@code POST /api/config/confirm} and {@code /api/config/rollback} ({@code {"who", "version"}}),
 * {@code GET /api/config/history} and {@code /api/config/diff?from=A&to=B}. Every answer is
 * JSON; a refusal is a 4xx whose {@code error} says what to do. Secret values (passwords,
 * tokens) are masked in diffs, so that the admin API never returns one.
 */
final class ConfigEndpoints {

    /** A body larger than the largest configuration the loader reads is not one. */
    static final int MAX_BODY = (4 << 20) + (64 << 10);
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(\\b(?:password|secret|token)\\s*:\\s*)(\"[^\"]*\"|'[^']*'|[^,}\\s#]+)");

    /** An answer: HTTP status and JSON body. */
    record Reply(int status, Object body) {
    }

    private final ChangeControl changes;
    private final ObjectMapper json;

    ConfigEndpoints(ChangeControl changes, ObjectMapper json) {
        this.changes = changes;
        this.json = json;
    }

    Reply apply(JsonNode body) {
        if (!body.path("yaml").isTextual()) {
            return error(400, "expected a JSON body with \"yaml\": the configuration's text");
        }
        Optional<Duration> confirm = seconds(body, "confirmWithinSeconds");
        Duration gates = seconds(body, "gateSeconds").orElse(ChangeControl.DEFAULT_GATES);
        if (confirm.map(ConfigEndpoints::outOfRange).orElse(false) || outOfRange(gates)) {
            return error(400, "confirmWithinSeconds and gateSeconds must be between 0.1 and "
                    + ChangeControl.MAX_WINDOW.toSeconds());
        }
        return reply(changes.apply(body.get("yaml").asText(), body.path("source").asText("new.yaml"), who(body),
                confirm, gates));
    }

    Reply confirm(JsonNode body) {
        return reply(changes.confirm(who(body)));
    }

    Reply rollback(JsonNode body) {
        Optional<Integer> version = body.hasNonNull("version") ? Optional.of(body.get("version").asInt()) : Optional.empty();
        return reply(changes.rollback(version, who(body)));
    }

    Reply history() {
        ObjectNode out = json.createObjectNode();
        out.put("active", changes.activeVersion());
        changes.watching().ifPresent(w -> {
            ObjectNode watch = out.putObject("watching");
            watch.put("version", w.version());
            watch.put("gatesUntil", w.gatesUntil().toString());
            w.confirmBy().ifPresent(by -> watch.put("confirmBy", by.toString()));
            watch.put("confirmed", w.confirmed());
        });
        ArrayNode list = out.putArray("versions");
        for (ConfigVersion v : changes.history()) {
            ObjectNode row = list.addObject();
            row.put("version", v.version());
            row.put("appliedAt", v.appliedAt().toString());
            row.put("who", v.who());
            row.put("source", v.source());
            row.put("sha256", v.sha256());
            row.put("status", v.status());
            row.put("reason", v.reason());
        }
        return new Reply(200, out);
    }

    Reply diff(Map<String, String> query) {
        int from;
        int to;
        try {
            from = Integer.parseInt(query.getOrDefault("from", ""));
            to = Integer.parseInt(query.getOrDefault("to", ""));
        } catch (NumberFormatException e) {
            return error(400, "expected ?from=A&to=B, two version numbers (see /api/config/history)");
        }
        Optional<String> diff = changes.diff(from, to);
        if (diff.isEmpty()) {
            return error(404, "no version " + from + " or " + to + " in the store (see lifeline config history)");
        }
        return new Reply(200, Map.of("from", from, "to", to, "diff", mask(diff.get())));
    }

    static String mask(String text) {
        return SECRET_VALUE.matcher(text).replaceAll("$1***");
    }

    private Reply reply(Outcome outcome) {
        ObjectNode out = json.createObjectNode();
        switch (outcome) {
            case Outcome.Applied a -> {
                out.put("outcome", "applied");
                out.put("version", a.version());
                out.putPOJO("changed", a.changed());
                out.put("gatesUntil", a.gatesUntil().toString());
                a.confirmBy().ifPresent(by -> out.put("confirmBy", by.toString()));
                return new Reply(200, out);
            }
            case Outcome.Unchanged u -> {
                out.put("outcome", "unchanged");
                out.put("version", u.version());
                return new Reply(200, out);
            }
            case Outcome.Done d -> {
                out.put("outcome", "done");
                out.put("version", d.version());
                out.put("message", d.message());
                return new Reply(200, out);
            }
            case Outcome.Refused r -> {
                int status = switch (r.reason()) {
                    case INVALID, BREAKS_EMERGENCY -> 422;
                    case NEEDS_RESTART, CONFLICT -> 409;
                    case NOT_FOUND -> 404;
                };
                out.put("error", r.message());
                out.put("status", status);
                out.put("reason", r.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                out.putPOJO("problems", r.problems());
                return new Reply(status, out);
            }
        }
    }

    private static String who(JsonNode body) {
        String who = body.path("who").asText("").strip();
        return who.isEmpty() ? "admin API client" : who.substring(0, Math.min(who.length(), 200));
    }

    private static Optional<Duration> seconds(JsonNode body, String field) {
        return body.hasNonNull(field) ? Optional.of(Duration.ofMillis((long) (body.get(field).asDouble() * 1000)))
                : Optional.empty();
    }

    private static boolean outOfRange(Duration d) {
        return d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(ChangeControl.MAX_WINDOW) > 0;
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message, "status", status));
    }
}
