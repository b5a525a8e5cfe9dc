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

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {
            "A unified diff of two stored configuration versions (secret values shown as ***).",
            "Exit status: 0 ok, 1 no such version, 2 no gateway."
        })
final class ConfigDiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "the older version")
    int from;

    @Parameters(index = "1", paramLabel = "B", description = "the newer version")
    int to;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AdminApi.Answer answer = admin.api().fetch("/api/config/diff?from=" + from + "&to=" + to);
            if (!answer.ok()) {
                err.println("lifeline: " + answer.error());
                return ExitCodes.FAILED;
            }
            String diff = answer.body().get("diff").asText();
            if (diff.isEmpty()) {
                out.println("versions " + from + " and " + to + " have the same text");
            }
            // Line by line, so that only characters inside a line are escaped for the terminal.
            diff.lines().forEach(line -> out.println(ControlCharacters.visible(line)));
            return ExitCodes.OK;
        } catch (AdminOptions.Unusable e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
