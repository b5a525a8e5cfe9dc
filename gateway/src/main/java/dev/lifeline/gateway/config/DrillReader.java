package dev.lifeline.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads {@code drill:}: the test phone's account, the numbers it calls and the faults' sizes for {@code drill --site}. */
final class DrillReader {

    static final List<String> KEYS = List.of("testExtension", "testPassword", "testNumber", "did", "phoneAddress",
            "cutPath", "cutFor", "lossPercent", "lossFor", "restartCommand");
    private static final Duration MAX_FAULT = Duration.ofMinutes(5);
    private static final int MAX_COMMAND = 1000;

    private final Problems problems;

    DrillReader(Problems problems) {
        this.problems = problems;
    }

    /** @return empty without a {@code drill:} section, or when it has problems (they are recorded) */
    Optional<DrillSettings> read(Section top, List<Extension> extensions, List<Did> dids, List<WanPath> paths,
                                 List<Listener> listen) {
        if (!top.has("drill")) {
            return Optional.empty();
        }
        return top.section("drill", KEYS).map(s -> {
            int before = problems.count();
            String extension = s.required("testExtension", "an extension of this site for the test phone, e.g. 1099",
                    Scalars.digits("1099"));
            String password = s.required("testPassword", "the test extension's SIP password", Scalars::secret);
            String number = s.required("testNumber", "the number the test call dials, e.g. the provider's echo"
                    + " test number", DrillReader::dialString);
            Optional<String> did = s.optional("did", DrillReader::dialString);
            String phone = s.optional("phoneAddress", listen.isEmpty() ? "127.0.0.1" : listen.get(0).address().host(),
                    DrillReader::ipLiteral);
            Optional<String> cutPath = s.optional("cutPath", Scalars::name);
            Duration cutFor = s.optional("cutFor", DrillSettings.DEFAULT_CUT, DrillReader::faultLength);
            Integer loss = s.optional("lossPercent", DrillSettings.DEFAULT_LOSS_PERCENT, DrillReader::percent);
            Duration lossFor = s.optional("lossFor", DrillSettings.DEFAULT_LOSS, DrillReader::faultLength);
            Optional<String> restart = s.optional("restartCommand", DrillReader::commandLine);
            if (extension != null && extensions.stream().noneMatch(e -> e.number().equals(extension))) {
                s.problem("testExtension", extension + " is not an extension of this site; expected one of the"
                        + " extensions: numbers (add one for the drill, e.g. 1099)");
            }
            did.ifPresent(d -> {
                Optional<Did> found = dids.stream().filter(x -> x.number().equals(d)).findFirst();
                if (found.isEmpty()) {
                    s.problem("did", d + " is not one of this site's dids; expected a DID that reaches the test"
                            + " extension");
                } else if (extension != null && !found.get().target().equals(extension)) {
                    s.problem("did", d + " reaches " + found.get().target() + ", not the test extension " + extension
                            + "; expected a DID whose target is " + extension);
                }
            });
            cutPath.ifPresent(p -> {
                if (paths.stream().noneMatch(w -> w.name().equals(p))) {
                    s.problem("cutPath", p + " is not a path of this site; expected one of "
                            + paths.stream().map(WanPath::name).toList());
                }
            });
            if (paths.isEmpty()) {
                s.problem("testExtension", "a site drill cuts WAN paths, and this site has no paths: section");
            }
            if (problems.count() > before) {
                return null;
            }
            return new DrillSettings(extension, new Secret(password), number, did, phone, cutPath, cutFor, loss,
                    lossFor, restart);
        });
    }

    private static String ipLiteral(String text) {
        if (!IpLiteral.isIp(text.strip())) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not an IP address; expected the LAN address"
                    + " the test phone sends from, e.g. 192.168.1.10");
        }
        return text.strip();
    }

    /** One line for {@code /bin/sh -c}: what an operator types to restart the service. */
    private static String commandLine(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected the command that restarts this gateway on its host,"
                    + " e.g. systemctl restart lifeline (or leave the key out)");
        }
        if (t.length() > MAX_COMMAND || t.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new IllegalArgumentException("is not a single command line of at most " + MAX_COMMAND + " characters;"
                    + " expected e.g. systemctl restart lifeline (put longer steps in a script and name the script)");
        }
        return t;
    }

    private static String dialString(String text) {
        String t = text.strip();
        if (!t.matches("\\+?\\d{1,15}")) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a number; expected digits with an optional"
                    + " leading +, e.g. +15551230100");
        }
        return t;
    }

    private static Duration faultLength(String text) {
        Duration d = Scalars.wholeSeconds(text);
        if (d.compareTo(Duration.ofSeconds(5)) < 0 || d.compareTo(MAX_FAULT) > 0) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is out of range; expected 5s to 5m, e.g. 20s");
        }
        return d;
    }

    private static int percent(String text) {
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 50) {
            throw new IllegalArgumentException(Scalars.quote(text) + " is not a whole percentage from 1 to 50, e.g. 5");
        }
        return Integer.parseInt(text);
    }
}
