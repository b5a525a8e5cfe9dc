package dev.lifeline.cli;

import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.qos.CodecUse;
import dev.lifeline.gateway.qos.LinkRate;
import dev.lifeline.gateway.qos.PlanOptions;
import dev.lifeline.gateway.qos.QosPlan;
import dev.lifeline.gateway.qos.QosPlanner;
import dev.lifeline.gateway.qos.Shaper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Print a QoS plan for a Linux edge router from the site file: nftables rules that mark the gateway's "
                    + "RTP (media.dscp, EF) and SIP (signalling.dscp, CS3) on its path addresses and ports, a tc "
                    + "script per path shaping just below the link rates, and the arithmetic: bandwidth per call "
                    + "and how many calls each path carries.",
            "Nothing is applied: check the rules with 'nft -c -f FILE', apply them with 'nft -f FILE'.",
            "Exit status: 0 printed, 2 bad input (a rate, a codec, a path, the site file)."
        })
final class QosPlanCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the site's YAML file (default: /etc/lifeline/site.yaml, else the checkout's examples/site.yaml)")
    Path config;

    @Option(names = "--uplink", required = true, paramLabel = "RATE", description = "the path's upload rate, e.g. 20mbit")
    String uplink;

    @Option(names = "--downlink", required = true, paramLabel = "RATE", description = "the path's download rate, e.g. 100mbit")
    String downlink;

    @Option(names = "--path", paramLabel = "NAME", description = "plan for this path only (default: every path, each at the rates given)")
    Optional<String> path = Optional.empty();

    @Option(names = "--shaper", defaultValue = "cake", paramLabel = "cake|htb",
            description = "CAKE with diffserv4, or HTB with fq_codel (default: ${DEFAULT-VALUE})")
    String shaper;

    @Option(names = "--codec", paramLabel = "CODEC[/PTIME]",
            description = "a codec the calls use, with its packetisation: g711/20ms, g722/20ms, g729/20ms, gsm/20ms; "
                    + "repeatable (default: g711/20ms)")
    List<String> codecs = new ArrayList<>();

    @Option(names = "--voice-share", defaultValue = "25%", paramLabel = "PERCENT",
            description = "the part of the shaped rate voice may use (default: ${DEFAULT-VALUE}, CAKE's Voice tin)")
    String voiceShare;

    @Option(names = "--shape-at", defaultValue = "95%", paramLabel = "PERCENT",
            description = "the shaper's rate as a part of the link rate (default: ${DEFAULT-VALUE})")
    String shapeAt;

    @Option(names = "--out", paramLabel = "DIR",
            description = "also write lifeline-qos.nft, shape-PATH.sh and qos-plan.txt into DIR")
    Path out;

    @Spec
    CommandSpec spec;

    /** Bad input to this command, with the one line to print. */
    private static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            PlanOptions options = new PlanOptions(rate("--uplink", uplink), rate("--downlink", downlink),
                    parse("--shaper", () -> Shaper.parse(shaper)), codecs(), percent("--voice-share", voiceShare),
                    percent("--shape-at", shapeAt));
            config = SiteFiles.resolve(config);
            SiteConfig site = SiteConfigLoader.load(config);
            QosPlan plan = parse("--path", () -> QosPlanner.plan(site, path, options));
            String text = render(plan, config);
            stdout.print(text);
            if (out != null) {
                write(plan, text);
                stdout.println("# written to " + out + ": lifeline-qos.nft, "
                        + String.join(", ", plan.shaping().keySet().stream().map(p -> "shape-" + p + ".sh").toList())
                        + ", qos-plan.txt");
            }
            return ExitCodes.OK;
        } catch (BadInput e) {
            err.println("lifeline: qos plan: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IllegalArgumentException e) {
            err.println("lifeline: qos plan: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ConfigException e) {
            int n = e.problems().size();
            err.println("lifeline: qos plan: " + config + " has " + n + (n == 1 ? " problem" : " problems")
                    + " (see: lifeline config check " + config + ")");
            return ExitCodes.USAGE;
        } catch (NoSuchFileException e) {
            err.println("lifeline: qos plan: cannot read " + e.getFile() + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("lifeline: qos plan: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            stdout.flush();
        }
    }

    static String render(QosPlan plan, Path config) {
        StringBuilder s = new StringBuilder();
        s.append("# ==== Lifeline QoS plan from ").append(config).append(" (computed; nothing measured, nothing applied)\n");
        s.append("#\n# ---- nftables rules (lifeline-qos.nft): check with nft -c -f FILE, apply with nft -f FILE\n");
        s.append(plan.nftables());
        for (var e : plan.shaping().entrySet()) {
            s.append("\n# ---- shaping for path ").append(e.getKey()).append(" (shape-").append(e.getKey())
                    .append(".sh): WAN_DEV=<router interface> sh shape-").append(e.getKey()).append(".sh\n");
            s.append(e.getValue());
        }
        s.append("\n# ---- arithmetic\n");
        s.append(plan.arithmetic());
        return s.toString();
    }

    private void write(QosPlan plan, String text) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("lifeline-qos.nft"), plan.nftables());
        for (var e : plan.shaping().entrySet()) {
            Path script = Files.writeString(out.resolve("shape-" + e.getKey() + ".sh"), e.getValue());
            try {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the script still runs with 'sh FILE'
            }
        }
        Files.writeString(out.resolve("qos-plan.txt"), text);
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(String option, Parse<T> p) throws BadInput {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new BadInput(option + ": " + e.getMessage());
        }
    }

    private static LinkRate rate(String option, String text) throws BadInput {
        return parse(option, () -> LinkRate.parse(text));
    }

    private List<CodecUse> codecs() throws BadInput {
        List<CodecUse> uses = new ArrayList<>();
        for (String c : codecs.isEmpty() ? List.of("g711/20ms") : codecs) {
            uses.add(parse("--codec", () -> CodecUse.parse(c)));
        }
        return uses;
    }

    static double percent(String option, String text) throws BadInput {
        String t = text.strip();
        if (!t.matches("\\d{1,3}(\\.\\d+)?%?")) {
            throw new BadInput(option + ": '" + text + "' is not a percentage; expected e.g. 25%");
        }
        return Double.parseDouble(t.replace("%", "")) / 100.0;
    }
}
