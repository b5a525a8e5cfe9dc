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

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {
            "Undo the version under watch, or put a stored VERSION back in force now (default: the",
            "version before the one in force). See the versions with: lifeline config history",
            "Exit status: 0 rolled back, 1 refused (no such version, needs a restart), 2 no gateway."
        })
final class ConfigRollbackCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VERSION", arity = "0..1", description = "the version to put back in force")
    Integer version;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ObjectNode body = new ObjectMapper().createObjectNode();
            body.put("who", ConfigConfirmCommand.who("lifeline config rollback"));
            if (version != null) {
                body.put("version", version);
            }
            return report(admin.api().post("/api/config/rollback", body), out, err);
        } catch (AdminOptions.Unusable e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static int report(AdminApi.Answer answer, PrintWriter out, PrintWriter err) {
        if (!answer.ok()) {
            err.println("lifeline: " + answer.error());
            return ExitCodes.FAILED;
        }
        JsonNode a = answer.body();
        out.println(a.get("outcome").asText().equals("unchanged")
                ? "version " + a.get("version").asInt() + " is already in force"
                : ControlCharacters.visible(a.get("message").asText()));
        return ExitCodes.OK;
    }
}
