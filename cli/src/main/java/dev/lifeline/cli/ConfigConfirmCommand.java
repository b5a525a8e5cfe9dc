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

@Command(name = "confirm", mixinStandardHelpOptions = true,
        description = {
            "Keep the version applied with --confirm-within (it is kept once its health gates have",
            "watched it for their whole window).",
            "Exit status: 0 confirmed, 1 nothing to confirm, 2 no gateway."
        })
final class ConfigConfirmCommand implements Callable<Integer> {

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
            body.put("who", who("lifeline config confirm"));
            return ConfigRollbackCommand.report(admin.api().post("/api/config/confirm", body), out, err);
        } catch (AdminOptions.Unusable e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** "alice@branch-gw via lifeline config apply": the OS user and host, as the gateway records it. */
    static String who(String command) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return System.getProperty("user.name", "unknown") + "@" + host + " via " + command;
    }
}
