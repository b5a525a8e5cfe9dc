package dev.lifeline.drill.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ReportHtml;
import dev.lifeline.drill.report.ReportJson;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.site.SiteDrill;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code lifeline drill --netns --site}: the kernel-level lab standing in for a real site, and
 * the site drill run against it as it runs on a site — on the gateway host, i.e. a separate
 * {@code lifeline drill --site} process inside the lab's site namespace, on the lab's site file
 * made ready by {@link LabSiteDrill}. Its test phone registers to the gateway's LAN address, its
 * DNS step asks each path's dnsmasq over the real uplinks, and the path cut is the gateway's own
 * fault injector. The lab's captures stay next to the report.
 */
public final class NetnsSiteDrill implements AutoCloseable {

    /** A lab run's faults are short: a run stays well under a few minutes. */
    public static final Duration CUT_FOR = Duration.ofSeconds(6);
    public static final Duration LOSS_FOR = Duration.ofSeconds(8);
    /** The longest a site drill child may take before it is stopped (its steps are bounded well below). */
    public static final Duration DRILL_BOUND = Duration.ofSeconds(270);

    private final NetnsLab lab;
    private final Consumer<String> progress;
    private final List<Process> drills = new ArrayList<>();

    private NetnsSiteDrill(NetnsLab lab, Consumer<String> progress) {
        this.lab = lab;
        this.progress = progress;
    }

    /**
     * Why the lab's site drill cannot run here, or empty: the lab's own needs ({@link Preflight}),
     * plus baresip (the far end and the LAN phone) and curl (the admin API inside the site namespace).
     */
    public static Optional<String> preflight() {
        Optional<String> lab = Preflight.problem();
        if (lab.isPresent()) {
            return lab;
        }
        List<String> missing = new ArrayList<>();
        if (Preflight.find("baresip").isEmpty()) {
            missing.add("baresip (package baresip-core)");
        }
        if (Preflight.find("curl").isEmpty()) {
            missing.add("curl (package curl)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("the kernel-level lab's site drill needs "
                + String.join(", ", missing) + "; install with apt-get install "
                + String.join(" ", missing.stream().map(m -> m.replaceAll(".*package (.*)\\)", "$1")).toList()));
    }

    /**
     * Builds the lab in {@code dir} around a gateway on the user's site file, with fault injection
     * on and a {@code drill:} section for the lab; returns once the trunk and the lab's LAN phone
     * are registered.
     *
     * @param launcher how to start the CLI in another JVM: {@code java -cp … dev.lifeline.cli.Main}
     * @throws IllegalArgumentException the site file does not fit the lab (says why); nothing was built
     */
    public static NetnsSiteDrill start(Path dir, List<String> launcher, String siteYaml, Consumer<String> progress)
            throws LabException, InterruptedException {
        String password = HexFormat.of().formatHex(random(12));
        // What the site file lacks for the lab is found before anything is built.
        LabSiteDrill.Settings settings = LabSiteDrill.settings(siteYaml, password, CUT_FOR, LOSS_FOR);
        String lanPhone = LabSiteDrill.otherExtension(siteYaml, settings.testExtension())
                .orElseThrow(() -> new IllegalArgumentException("the site file has no extension besides the drill's"
                        + " test extension " + settings.testExtension() + "; the lab registers a phone on the LAN as one"));
        LabSiteDrill.rewrite(LabSite.rewrite(siteYaml, false, password, dir.resolve("gateway-storage"), lanPhone, password),
                settings);
        NetnsLab.removeStale(progress);
        NetnsPlan plan = NetnsPlan.of(ProcessHandle.current().pid(), ThreadLocalRandom.current().nextInt(1 << 16));
        NetnsLab lab = NetnsLab.start(plan, dir, launcher, siteYaml, LabSite.wantsReflector(siteYaml),
                Optional.of(new NetnsLab.CallPlan(lanPhone, LabSiteDrill.TEST_NUMBER)),
                labYaml -> LabSiteDrill.withRestartCommand(LabSiteDrill.rewrite(labYaml, settings),
                        "'" + NetnsLab.restartScript(dir).toAbsolutePath() + "'"), progress);
        progress.accept("  site file for the drill: " + lab.siteFile() + " (test extension " + settings.testExtension()
                + ", DID " + settings.did() + ", test number " + LabSiteDrill.TEST_NUMBER + " = the far end in inet)");
        return new NetnsSiteDrill(lab, progress);
    }

    public NetnsLab lab() {
        return lab;
    }

    /**
     * Starts {@code lifeline drill --site --yes} in the site namespace, its output going to
     * {@code log}; the caller waits for it (or kills it). Stopped by PID at {@link #close} if alive.
     */
    public Process startDrill(List<String> launcher, Path out, Path log) throws LabException {
        List<String> c = new ArrayList<>(NetnsPlan.exec(lab.plan().site()));
        c.addAll(launcher);
        c.addAll(List.of("drill", "--site", "--restart", "--config", lab.siteFile().toAbsolutePath().toString(), "--yes", "--out",
                out.toAbsolutePath().toString()));
        try {
            Process p = new ProcessBuilder(c).directory(lab.dir().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            drills.add(p);
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start the site drill in " + lab.plan().site() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the site drill to its end, relaying its output line by line, bounded by
     * {@link #DRILL_BOUND} (then stopped as Ctrl-C would: it ends its faults itself).
     *
     * @return the drill's exit status
     */
    public int runDrill(List<String> launcher, Path out) throws LabException, InterruptedException {
        Path log = lab.dir().resolve("site-drill.log");
        Process p = startDrill(launcher, out, log);
        Instant deadline = Instant.now().plus(DRILL_BOUND);
        int shown = 0;
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            shown = relay(log, shown, false);
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            relay(log, shown, true);
            throw new LabException("the site drill did not end within " + DRILL_BOUND.toSeconds() + " s; stopped. See " + log);
        }
        relay(log, shown, true);
        return p.exitValue();
    }

    /** Relays the log's lines after the first {@code shown}; a line still being written waits unless {@code all}. */
    private int relay(Path log, int shown, boolean all) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            List<String> lines = text.lines().toList();
            int complete = all || text.endsWith("\n") ? lines.size() : lines.size() - 1;
            for (int i = shown; i < complete; i++) {
                progress.accept("  | " + lines.get(i));
            }
            return Math.max(shown, complete);
        } catch (IOException e) {
            return shown;
        }
    }

    /** The faults the gateway has active, from {@code GET /api/faults} in the site namespace (ids). */
    public List<String> activeFaults() throws LabException {
        JsonNode faults = admin("/api/faults").path("faults");
        if (!faults.isArray()) {
            throw new LabException("the gateway's GET /api/faults in " + lab.plan().site() + " has no fault list: " + faults);
        }
        List<String> ids = new ArrayList<>();
        faults.forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    /** The gateway's active path, from {@code GET /api/status} in the site namespace; empty in survival mode. */
    public Optional<String> activePath() throws LabException {
        for (JsonNode p : admin("/api/status").path("paths")) {
            if (p.path("active").asBoolean(false)) {
                return Optional.of(p.path("name").asText());
            }
        }
        return Optional.empty();
    }

    /** When the gateway started its first path cut, from its event log (FaultStarted). */
    public Optional<Instant> pathCutStarted() throws LabException {
        for (JsonNode e : admin("/api/events?limit=1000").path("events")) {
            if (e.path("type").asText().equals("FaultStarted") && e.path("event").path("kind").asText().contains("path")) {
                return Optional.of(Instant.parse(e.path("at").asText()));
            }
        }
        return Optional.empty();
    }

    /** The provider's first 200 OK to the trunk's REGISTER over wan1 at or after {@code from}, from wan1's capture. */
    public Optional<CaptureFigures.Sighting> registeredOverWan1(Instant from) throws LabException {
        return CaptureFigures.firstRegisterOk(lab.captured(NetnsPlan.WAN1), NetnsPlan.WAN1.siteAddress(), from);
    }

    /**
     * Adds the lab's own figures for the path cut, read from wan2's capture, to the drill's report
     * in {@code out} (json and html written again); nothing when there is no report or no cut.
     *
     * @return one line per figure added, saying where it was observed
     */
    public List<String> addCaptureFigures(Path out) throws LabException, IOException {
        Path json = out.resolve(ReportJson.FILE_NAME);
        Optional<Instant> cut = pathCutStarted();
        if (!Files.exists(json) || cut.isEmpty()) {
            return List.of();
        }
        List<Datagram> wan2 = lab.captured(NetnsPlan.WAN2);
        String where = "the capture on isp2's site-facing veth, " + lab.capture(NetnsPlan.WAN2);
        DrillReport report = withCaptureFigures(ReportJson.read(json), cut.get(),
                CaptureFigures.firstMove(wan2, NetnsPlan.WAN2.siteAddress(), cut.get()),
                CaptureFigures.firstRegisterOk(wan2, NetnsPlan.WAN2.siteAddress(), cut.get()), where);
        ReportJson.write(report, out);
        ReportHtml.write(report, out);
        List<String> lines = new ArrayList<>();
        report.scenario(SiteDrill.PATH_CUT).ifPresent(r -> {
            r.metric(Metrics.DETECTION_S).ifPresent(v -> lines.add(String.format(Locale.ROOT,
                    "detection (the site's first SIP request on wan2 after the cut, seen in %s): %.3f s", where, v)));
            r.metric(Metrics.REGISTRATION_RECOVERY_S).ifPresent(v -> lines.add(String.format(Locale.ROOT,
                    "trunk registered over wan2 (the provider's 200 OK to REGISTER, seen in %s): %.3f s after the cut", where, v)));
        });
        return lines;
    }

    /**
     * The report with {@code detection_s} and {@code registration_recovery_s} added to the path
     * cut's figures (no SLO: those judge the gateway's own word) and a note saying where they were
     * observed. Pure.
     */
    static DrillReport withCaptureFigures(DrillReport report, Instant cut, Optional<CaptureFigures.Sighting> moved,
                                          Optional<CaptureFigures.Sighting> registered, String where) {
        if (moved.isEmpty() && registered.isEmpty()) {
            return report;
        }
        List<ScenarioReport> scenarios = new ArrayList<>();
        for (ScenarioReport s : report.scenarios()) {
            if (s.name().equals(SiteDrill.PATH_CUT) && s.error().isEmpty()) {
                Map<String, Double> metrics = new LinkedHashMap<>(s.metrics());
                moved.ifPresent(m -> metrics.put(Metrics.DETECTION_S, millis(CaptureFigures.seconds(cut, m))));
                registered.ifPresent(r -> metrics.put(Metrics.REGISTRATION_RECOVERY_S, millis(CaptureFigures.seconds(cut, r))));
                s = new ScenarioReport(s.name(), s.verdict(), metrics, s.slos(), s.events(), s.series(), s.reading(),
                        s.error());
            }
            scenarios.add(s);
        }
        List<String> notes = new ArrayList<>(report.notes());
        notes.add("kernel-level lab: in " + SiteDrill.PATH_CUT + ", " + Metrics.DETECTION_S + " (first SIP request on wan2)"
                + " and " + Metrics.REGISTRATION_RECOVERY_S + " (the provider's 200 OK to REGISTER on wan2) were read"
                + " by the lab from " + where + ", counted from the gateway's FaultStarted instant");
        return new DrillReport(report.suite(), report.started(), report.config(), scenarios, notes);
    }

    /**
     * A GET on the gateway's admin API from inside the site namespace (it listens on that
     * namespace's loopback), with curl; the token goes in a header file readable by root only.
     */
    private JsonNode admin(String path) throws LabException {
        AdminToken token = AdminToken.of(lab);
        List<String> c = new ArrayList<>(NetnsPlan.exec(lab.plan().site()));
        c.addAll(List.of("curl", "-sS", "--max-time", "5", "-H", "@" + token.headerFile(), "http://127.0.0.1:8089" + path));
        Shell.Result r = Shell.attempt(c);
        if (r.exit() != 0) {
            throw new LabException("curl could not reach the gateway's admin API in " + lab.plan().site() + " (GET " + path
                    + ", exit " + r.exit() + "): " + r.output().strip());
        }
        try {
            return new ObjectMapper().readTree(r.output());
        } catch (IOException e) {
            throw new LabException("the gateway's admin API in " + lab.plan().site() + " did not answer GET " + path
                    + " with JSON: " + r.output().strip(), e);
        }
    }

    /** The admin token the gateway generated in the lab's storage, as a curl header file (mode 0600). */
    private record AdminToken(Path headerFile) {
        static AdminToken of(NetnsLab lab) throws LabException {
            Path header = lab.dir().resolve("admin-header.txt");
            try {
                if (!Files.exists(header)) {
                    String token = Files.readString(lab.dir().resolve("gateway-storage").resolve(dev.lifeline.gateway.Gateway.ADMIN_TOKEN_FILE)).strip();
                    Files.createFile(header, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(header, "Authorization: Bearer " + token + "\n");
                }
                return new AdminToken(header);
            } catch (IOException e) {
                throw new LabException("cannot read the lab gateway's admin token: " + e.getMessage(), e);
            }
        }
    }

    /** Seconds to the millisecond: the captures' microseconds say more than the instants they are counted from. */
    private static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /**
     * Kills any site drill child still running (by PID; the lab goes with it, so its own clean-up
     * is not needed), then stops the lab.
     */
    @Override
    public void close() {
        for (Process p : drills) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            Files.deleteIfExists(lab.dir().resolve("admin-header.txt"));   // the token; the gateway's own copy is in its storage
        } catch (IOException e) {
            progress.accept("  could not remove " + lab.dir().resolve("admin-header.txt") + ": " + e.getMessage());
        }
        lab.close();
    }
}
