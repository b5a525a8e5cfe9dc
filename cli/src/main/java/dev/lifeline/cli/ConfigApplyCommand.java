package dev.lifeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.ConfigProblem;
import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.ControlCharacters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
            "Validate NEW.yaml and put it in force on the running gateway without a restart.",
            "Extensions and passwords, groups, DIDs and the dial plan change at once; calls and",
            "registrations stay. A change to anything else is refused, naming the fields: restart for those.",
            "Health gates then watch the gateway (trunks registered, paths up, registered phones still",
            "registered); if one fails, or --confirm-within passes without `lifeline config confirm`,",
            "the previous version is put back and a ConfigRolledBack event says why.",
            "The gateway's own site file is not rewritten: install NEW.yaml there too, or a restart runs the old file.",
            "Exit status: 0 applied (and, with --wait, kept), 1 refused or rolled back, 2 usage error or no gateway."
        })
final class ConfigApplyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NEW.yaml", description = "the new site configuration")
    Path file;

    @Option(names = "--confirm-within", paramLabel = "DURATION",
            description = "roll back unless `lifeline config confirm` comes within this, e.g. 120s (default: no confirmation needed)")
    String confirmWithin;

    @Option(names = "--gates", paramLabel = "DURATION", defaultValue = "20s",
            description = "how long the health gates watch the new version (default: ${DEFAULT-VALUE})")
    String gates;

    @Option(names = "--wait", description = "wait until the version is kept or rolled back, and say which")
    boolean await;

    @Option(names = "--install", description = {"once the version is kept, write NEW.yaml over the gateway's site file"
            + " (--config), so that a restart or SIGHUP runs it too; implies --wait"})
    boolean install;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Optional<Duration> confirm = confirmWithin == null ? Optional.empty()
                    : Optional.of(positive("--confirm-within", confirmWithin));
            Duration watch = positive("--gates", gates);
            String yaml;
            try {
                SiteConfigLoader.load(file);
                yaml = Files.readString(file);
            } catch (ConfigException e) {
                for (ConfigProblem p : e.problems()) {
                    out.println(p);
                }
                int n = e.problems().size();
                out.println(file + ": " + n + (n == 1 ? " problem" : " problems") + "; nothing was sent to the gateway");
                return ExitCodes.FAILED;
            } catch (NoSuchFileException e) {
                err.println("lifeline: cannot read " + file + ": no such file");
                return ExitCodes.USAGE;
            } catch (IOException e) {
                err.println("lifeline: cannot read " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            AdminApi api = admin.api();
            ObjectNode body = new ObjectMapper().createObjectNode();
            body.put("yaml", yaml);
            body.put("source", file.toString());
            body.put("who", ConfigConfirmCommand.who("lifeline config apply"));
            body.put("gateSeconds", watch.toMillis() / 1000.0);
            confirm.ifPresent(d -> body.put("confirmWithinSeconds", d.toMillis() / 1000.0));
            AdminApi.Answer answer = api.post("/api/config/apply", body);
            if (!answer.ok()) {
                answer.body().path("problems").forEach(p -> out.println(ControlCharacters.visible(p.asText())));
                err.println("lifeline: not applied: " + answer.error());
                return ExitCodes.FAILED;
            }
            JsonNode a = answer.body();
            if (a.get("outcome").asText().equals("unchanged")) {
                out.println(file + " is the version in force (" + a.get("version").asInt() + "); nothing to apply");
                return ExitCodes.OK;
            }
            int version = a.get("version").asInt();
            out.println("applied version " + version + " (changed: " + String.join(", ", texts(a.get("changed")))
                    + "); health gates watch it until " + a.get("gatesUntil").asText());
            if (a.has("confirmBy")) {
                out.println("confirm with `lifeline config confirm` before " + a.get("confirmBy").asText()
                        + ", or it is rolled back");
            }
            if (!await && !install) {
                out.println("the gateway's site file is unchanged: a restart or SIGHUP runs it again (--install writes it)");
                return ExitCodes.OK;
            }
            int verdict = awaitVerdict(api, version, out, err);
            return verdict == ExitCodes.OK && install ? install(yaml, out, err) : verdict;
        } catch (IllegalArgumentException e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (AdminOptions.Unusable e) {
            err.println("lifeline: " + e.getMessage());
            return ExitCodes.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Replaces the site file by the new text: written beside it and moved over it in one step,
     * with the old file's permissions, so that a reader never sees half a file.
     */
    private int install(String yaml, PrintWriter out, PrintWriter err) {
        Path site = admin.config;
        if (site == null) {
            err.println("lifeline: version kept, but --install needs --config FILE (the gateway's site file)");
            return ExitCodes.USAGE;
        }
        try {
            Path dir = site.toAbsolutePath().getParent();
            Path temp = Files.createTempFile(dir, ".site-", ".yaml");
            try {
                Files.writeString(temp, yaml);
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(site));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the temp file's own permissions stand
                }
                Files.move(temp, site, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            err.println("lifeline: version kept, but " + site + " was not written: " + e.getMessage()
                    + " (copy " + file + " there yourself, or a restart runs the old file)");
            return ExitCodes.FAILED;
        }
        out.println("installed " + file + " as " + site);
        return ExitCodes.OK;
    }

    /** Polls the history until {@code version} is no longer watched; bounded by the longest window the API takes. */
    private static int awaitVerdict(AdminApi api, int version, PrintWriter out, PrintWriter err)
            throws AdminOptions.Unusable, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofHours(1).plusSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode history = api.get("/api/config/history");
            if (!history.has("watching") || history.get("watching").get("version").asInt() != version) {
                for (JsonNode v : history.get("versions")) {
                    if (v.get("version").asInt() == version) {
                        String status = v.get("status").asText();
                        if (status.equals("rolled-back")) {
                            err.println("lifeline: version " + version + " was rolled back: "
                                    + ControlCharacters.visible(v.get("reason").asText()));
                            return ExitCodes.FAILED;
                        }
                        out.println("version " + version + " kept (" + status + ")");
                        return ExitCodes.OK;
                    }
                }
                return ExitCodes.FAILED;
            }
            Thread.sleep(500);
        }
        err.println("lifeline: version " + version + " still watched after an hour");
        return ExitCodes.FAILED;
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(ControlCharacters.visible(n.asText())));
        return out;
    }

    static Duration positive(String option, String text) {
        Duration d;
        try {
            d = DurationFormat.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
        if (!d.isPositive()) {
            throw new IllegalArgumentException(option + " must be longer than zero");
        }
        return d;
    }
}
