package dev.lifeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeline.gateway.events.ControlCharacters;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show a running gateway: uptime, listen points, trunks, registrations, calls.",
            "Reads the admin API named in the configuration (or --admin URL --token-file FILE).",
            "Exit status: 0 ok, 2 no gateway answering or usage error."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @Option(names = "--json", description = "print the admin API's JSON (status and registrations)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            AdminApi api = admin.api();
            JsonNode status = api.get("/api/status");
            JsonNode regs = api.get("/api/registrations").get("registrations");
            JsonNode calls = api.get("/api/calls").get("calls");
            if (json) {
                out.println(AdminApi.pretty(status));
                out.println(AdminApi.pretty(regs));
            } else {
                print(out, api, status, regs, calls);
            }
            return ExitCodes.OK;
        } catch (AdminOptions.Unusable e) {
            spec.commandLine().getErr().println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
        }
    }

    private static void print(PrintWriter out, AdminApi api, JsonNode s, JsonNode regs, JsonNode calls) {
        out.println("Site           " + ControlCharacters.visible(s.get("site").asText()) + "  (" + api.base() + ")");
        out.println("Up             " + uptime(s.get("uptimeSeconds").asLong()) + "  since " + s.get("startedAt").asText());
        out.println("SIP            " + String.join(", ", texts(s.get("listen"))));
        out.println("Registrations  " + s.get("registrations").asInt() + "    Calls " + s.get("activeCalls").asInt()
                + "    Banned sources " + s.get("bans").asInt());
        if (s.path("survivalMode").asBoolean(false)) {
            out.println("SURVIVAL MODE  every WAN path is down: internal calls only, outbound calls fail at once");
        }
        out.println();
        Table paths = new Table("PATH", "BIND", "STATE", "SINCE", "LOSS", "RTT", "JITTER", "R", "REASON");
        s.path("paths").forEach(p -> paths.row(p.get("name").asText() + (p.get("active").asBoolean() ? " *" : ""),
                p.get("bind").asText(), p.get("state").asText(), p.get("since").asText(),
                figure(p.get("lossPercent").asDouble(), "%.1f %%"), figure(p.get("rttMillis").asDouble(), "%.0f ms"),
                figure(p.get("jitterMillis").asDouble(), "%.1f ms"), figure(p.get("r").asDouble(), "%.0f"),
                p.get("reason").asText()));
        section(out, "WAN paths (* = active)", paths, "no WAN paths configured");
        if (s.path("certificates").size() > 0) {
            Table certs = new Table("CERTIFICATE", "SEVERITY", "DETAIL");
            s.path("certificates").forEach(c -> certs.row(c.get("subject").asText(), c.get("severity").asText(),
                    c.get("detail").asText()));
            section(out, "Certificates", certs, "none");
        }
        Table trunks = new Table("TRUNK", "STATE", "DETAIL");
        s.get("trunks").forEach(t -> trunks.row(t.get("name").asText(), t.get("state").asText(), t.get("detail").asText()));
        section(out, "Trunks", trunks, "no trunks running");
        Table bindings = new Table("EXT", "TRANSPORT", "SOURCE", "EXPIRES IN", "CONTACT");
        regs.forEach(r -> bindings.row(r.get("aor").asText(), r.get("transport").asText(), r.get("source").asText(),
                uptime(r.get("expiresInSeconds").asLong()), r.get("contact").asText()));
        section(out, "Registrations", bindings, "no phone registered");
        printCalls(out, calls);
    }

    /**
     * Active calls, each leg apart as the gateway's relay measured the stream arriving on it
     * (LAN: from the phone; WAN: from the provider; last 5 s report), then which leg is losing.
     */
    static void printCalls(PrintWriter out, JsonNode calls) {
        Table active = new Table("FROM", "TO", "ROUTE", "STARTED", "ANSWERED", "LAN LEG (loss jitter MOS)",
                "WAN LEG (loss jitter MOS)", "LOSING");
        List<String> verdicts = new ArrayList<>();
        calls.forEach(c -> {
            active.row(c.get("from").asText(), c.get("to").asText(), c.get("route").asText(),
                    c.get("started").asText(), c.get("answered").isNull() ? "ringing" : c.get("answered").asText(),
                    legs(c.path("legs"), "lan"), legs(c.path("legs"), "wan"), c.path("blame").asText("-"));
            String blame = c.path("blame").asText("");
            if (blame.equals("lan") || blame.equals("wan") || blame.equals("both")) {
                verdicts.add(ControlCharacters.visible(c.get("from").asText() + " -> " + c.get("to").asText() + ": "
                        + c.path("blameReason").asText()));
            }
        });
        section(out, "Calls (legs as the gateway measured them)", active, "no active calls");
        verdicts.forEach(v -> out.println("  " + v));
    }

    /** "4.1 % 12 ms 3.9" per leg on that side ("/" between an internal call's two), "-" when none reported yet. */
    private static String legs(JsonNode legs, String side) {
        List<String> cells = new ArrayList<>();
        legs.forEach(l -> {
            if (side.equals(l.path("side").asText())) {
                cells.add(String.format(java.util.Locale.ROOT, "%.1f %% %.0f ms %.1f", l.path("lossPercent").asDouble(),
                        l.path("jitterMillis").asDouble(), l.path("mos").asDouble()));
            }
        });
        return cells.isEmpty() ? "-" : String.join(" / ", cells);
    }

    /** A probe figure, or "-" while it is unknown (negative). */
    private static String figure(double value, String format) {
        return value < 0 ? "-" : String.format(java.util.Locale.ROOT, format, value);
    }

    private static void section(PrintWriter out, String title, Table table, String none) {
        out.println(title);
        if (table.isEmpty()) {
            out.println("  (" + none + ")");
        } else {
            table.print(out, "  ");
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(ControlCharacters.visible(n.asText())));
        return out;
    }

    /** "3d 4h", "2h 05m", "4m 10s", "12s". */
    static String uptime(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + String.format("%02dm", d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + String.format("%02ds", d.toSecondsPart());
        }
        return seconds + "s";
    }
}
