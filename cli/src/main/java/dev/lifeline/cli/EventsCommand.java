package dev.lifeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {
            "Print a running gateway's event log: registrations, bans, trunk state, calls.",
            "Exit status: 0 ok, 2 no gateway answering or usage error."
        })
final class EventsCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "10m",
            description = "how far back: a duration (30s, 10m, 2h, 1d) or an ISO-8601 instant (default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "at most N events (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print the admin API's JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode body = admin.api().get("/api/events?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
                    + "&limit=" + limit);
            if (json) {
                out.println(AdminApi.pretty(body));
            } else {
                print(out, body.get("events"));
            }
            return ExitCodes.OK;
        } catch (AdminOptions.Unusable e) {
            spec.commandLine().getErr().println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
        }
    }

    private void print(PrintWriter out, JsonNode events) {
        if (events.isEmpty()) {
            out.println("(no events since " + since + ")");
            return;
        }
        Table table = new Table("TIME", "EVENT", "DETAILS");
        events.forEach(e -> table.row(e.get("at").asText(), e.get("type").asText(), repeats(e) + details(e.get("event"))));
        table.print(out, "");
    }

    /** "[412 times until 09:14:03.2Z, from many sources] " for a row that folds repeats; "" for one event. */
    private static String repeats(JsonNode e) {
        if (!e.has("occurrences")) {
            return "";
        }
        String until = e.path("lastAt").asText();
        int t = until.indexOf('T');
        return "[" + e.get("occurrences").asLong() + " times until " + (t >= 0 ? until.substring(t + 1) : until)
                + (e.path("manySources").asBoolean() ? ", from many sources" : "") + "] ";
    }

    /** The event's fields but its time, as key=value. */
    private static String details(JsonNode event) {
        List<String> parts = new ArrayList<>();
        event.properties().forEach(f -> {
            if (!f.getKey().equals("at")) {
                parts.add(f.getKey() + "=" + f.getValue().asText());
            }
        });
        return String.join(" ", parts);
    }
}
