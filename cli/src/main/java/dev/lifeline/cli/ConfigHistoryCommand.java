package dev.lifeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeline.gateway.events.ControlCharacters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {
            "List the configuration versions the gateway has run: who applied each, when, its SHA-256,",
            "and which is in force (*). Read from the gateway's store through its admin API.",
            "Exit status: 0 ok, 2 no gateway."
        })
final class ConfigHistoryCommand implements Callable<Integer> {

    @Mixin
    AdminOptions admin;

    @picocli.CommandLine.Option(names = "--json", description = "print the admin API's JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode h = admin.api().get("/api/config/history");
            if (json) {
                out.println(AdminApi.pretty(h));
                return ExitCodes.OK;
            }
            Table table = new Table("VERSION", "APPLIED", "BY", "SHA-256", "STATUS", "REASON");
            int active = h.get("active").asInt();
            h.get("versions").forEach(v -> table.row((v.get("version").asInt() == active ? "* " : "  ") + v.get("version").asInt(),
                    v.get("appliedAt").asText(), ControlCharacters.visible(v.get("who").asText()),
                    v.get("sha256").asText().substring(0, 12), v.get("status").asText(),
                    ControlCharacters.visible(v.get("reason").asText())));
            table.print(out, "");
            if (h.has("watching")) {
                JsonNode w = h.get("watching");
                out.println("version " + w.get("version").asInt() + " is under watch: gates until "
                        + w.get("gatesUntil").asText() + (w.has("confirmBy") && !w.get("confirmed").asBoolean()
                        ? ", confirm before " + w.get("confirmBy").asText() : ""));
            }
            return ExitCodes.OK;
        } catch (AdminOptions.Unusable e) {
            spec.commandLine().getErr().println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
        }
    }
}
