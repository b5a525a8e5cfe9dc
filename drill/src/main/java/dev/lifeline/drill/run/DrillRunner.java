package dev.lifeline.drill.run;

import dev.lifeline.drill.lab.Lab;
import dev.lifeline.drill.lab.LabException;
import dev.lifeline.drill.lab.LabOptions;
import dev.lifeline.drill.lab.storm.RegisterStorm;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.SloLine;
import dev.lifeline.drill.scenario.Action;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.drill.scenario.Scenario;
import dev.lifeline.drill.scenario.ScenarioResult;
import dev.lifeline.drill.scenario.SloResult;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.Transport;
import dev.lifeline.gateway.trunk.TrunkStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs scenarios one after another, each in a fresh lab around a fresh gateway on the site's
 * configuration (so one scenario's damage never leaks into the next), and collects the report.
 * Before a scenario's clock starts, every phone is registered and the trunk is registered with
 * the provider: the drill measures recovery from a working site, not start-up.
 */
public final class DrillRunner {

    /** Storm phones register before the scenario at this pace (a site coming up, not the storm itself). */
    private static final int STORM_SETUP_RATE = 2_000;
    /** The storm setup's once-a-second progress goes nowhere: the runner says what it does in one line. */
    private static final java.io.PrintStream QUIET = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    private static final Duration READY_WAIT = Duration.ofSeconds(20);

    private final SiteConfig site;
    private final String configName;
    private final Path work;
    private final Consumer<String> progress;
    private dev.lifeline.gateway.GatewayPlugins gateway = dev.lifeline.gateway.GatewayPlugins.DEFAULT;
    private Optional<Path> captures = Optional.empty();

    /**
     * @param configName the site file's name as the report shows it
     * @param work       a directory for the labs' gateway storage (one subdirectory per scenario)
     * @param progress   one line per scenario and step, as it runs
     */
    public DrillRunner(SiteConfig site, String configName, Path work, Consumer<String> progress) {
        this.site = site;
        this.configName = configName;
        this.work = work;
        this.progress = progress;
    }

    /** Runs the drills against a gateway built with other parts (tests of the drills themselves). */
    public DrillRunner withGateway(dev.lifeline.gateway.GatewayPlugins plugins) {
        this.gateway = java.util.Objects.requireNonNull(plugins, "plugins");
        return this;
    }

    /**
     * Also writes each WAN emulator's traffic, per scenario, as a pcapng capture:
     * {@code dir/<scenario>/<path>.pcapng} (see {@link dev.lifeline.drill.lab.wan.PcapWriter}).
     */
    public DrillRunner withCaptures(Path dir) {
        this.captures = Optional.of(java.util.Objects.requireNonNull(dir, "dir"));
        return this;
    }

    public DrillReport run(String suite, List<Scenario> scenarios) {
        Instant started = Instant.now();
        List<ScenarioReport> reports = new ArrayList<>();
        int n = 0;
        for (Scenario scenario : scenarios) {
            n++;
            progress.accept(String.format("[%d/%d] %s (%d s): %s", n, scenarios.size(), scenario.name(),
                    scenario.length().toSeconds(), scenario.description()));
            ScenarioReport report = runOne(scenario);
            progress.accept(String.format("[%d/%d] %s: %s", n, scenarios.size(), scenario.name(),
                    report.verdict().name().toLowerCase(Locale.ROOT) + report.error().map(e -> " — " + e).orElse("")));
            reports.add(report);
        }
        return new DrillReport(suite, started, configName, reports);
    }

    private ScenarioReport runOne(Scenario scenario) {
        Path dir = work.resolve(scenario.name());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return ScenarioReport.failedToRun(scenario.name(), "cannot create " + dir + ": " + e.getMessage(), List.of(),
                    List.of());
        }
        List<dev.lifeline.drill.lab.wan.PcapWriter> writers = new ArrayList<>();
        try (Lab lab = Lab.start(siteFor(scenario), dir, line -> { }, labOptions(scenario).withGateway(gateway))) {
            if (captures.isPresent()) {
                for (var e : lab.wans().entrySet()) {
                    Path file = captures.get().resolve(scenario.name()).resolve(e.getKey() + ".pcapng");
                    try {
                        var writer = dev.lifeline.drill.lab.wan.PcapWriter.open(file, e.getKey());
                        writers.add(writer);
                        e.getValue().onPacket(writer);
                    } catch (IOException x) {
                        throw new LabException("cannot write the capture " + file + ": " + x.getMessage(), x);
                    }
                }
            }
            ready(lab);
            ScenarioRun.Observed observed = new ScenarioRun(scenario, lab, progress).execute();
            Metrics metrics = Measurements.of(observed);
            ScenarioResult result = ScenarioResult.judge(scenario, metrics);
            return ScenarioReport.completed(scenario.name(), new LinkedHashMap<>(metrics.values()), lines(result.slos()),
                    Measurements.events(observed), Measurements.series(observed)).withGeneratedReading();
        } catch (LabException e) {
            return ScenarioReport.failedToRun(scenario.name(), e.getMessage(), List.of(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ScenarioReport.failedToRun(scenario.name(), "interrupted", List.of(), List.of());
        } catch (RuntimeException e) {
            return ScenarioReport.failedToRun(scenario.name(), "the run failed: " + e, List.of(), List.of());
        } finally {
            for (var w : writers) {
                try {
                    w.close();
                } catch (IOException e) {
                    progress.accept("  capture not complete: " + e.getMessage());
                }
            }
        }
    }

    /** The site as the scenario runs it: without the reflector when it says {@code reflector: none}. */
    private SiteConfig siteFor(Scenario scenario) {
        boolean none = scenario.setting(Scenario.REFLECTOR).map(v -> v.equalsIgnoreCase("none")).orElse(false);
        return none ? site.withFailover(site.failover().withoutReflector()) : site;
    }

    /**
     * The lab a scenario asks for: its {@link Scenario#TRUNK_TRANSPORT} setting, or TLS when its
     * timeline changes a provider's certificate and it sets no transport; else the site's.
     */
    static LabOptions labOptions(Scenario scenario) throws LabException {
        LabOptions base = transportOptions(scenario);
        int storm = scenario.setting(Scenario.STORM_PHONES).map(Integer::parseInt).orElse(0);
        boolean storms = scenario.timeline().stream().anyMatch(s -> s.action() instanceof Action.RegistrationStorm);
        if (storms && storm == 0) {
            throw new LabException("scenario " + scenario.name() + " has a registrationStorm step but no storm phones;"
                    + " set " + Scenario.STORM_PHONES + " in its settings (e.g. 2000)");
        }
        LabOptions options = base.withStormPhones(storm);
        Optional<String> phones = scenario.setting(Scenario.PHONES);
        return phones.isPresent() ? options.withPhones(Integer.parseInt(phones.get())) : options;
    }

    private static LabOptions transportOptions(Scenario scenario) throws LabException {
        Optional<String> transport = scenario.setting(Scenario.TRUNK_TRANSPORT);
        if (transport.isPresent()) {
            return switch (transport.get().toLowerCase(Locale.ROOT)) {
                case "udp" -> LabOptions.DEFAULT.withTrunkTransport(Transport.UDP);
                case "tcp" -> LabOptions.DEFAULT.withTrunkTransport(Transport.TCP);
                case "tls" -> LabOptions.DEFAULT.withTrunkTransport(Transport.TLS);
                default -> throw new LabException("scenario " + scenario.name() + ": setting " + Scenario.TRUNK_TRANSPORT
                        + " is \"" + transport.get() + "\"; expected udp, tcp or tls");
            };
        }
        boolean certificates = scenario.timeline().stream()
                .anyMatch(s -> s.action() instanceof Action.ProviderCertificate);
        return certificates ? LabOptions.DEFAULT.withTrunkTransport(Transport.TLS) : LabOptions.DEFAULT;
    }

    /** Every phone registered and the trunk registered (or answering), or the lab is not usable. */
    private void ready(Lab lab) throws LabException, InterruptedException {
        int registered = lab.registerPhones(READY_WAIT);
        if (registered < lab.phones().size()) {
            throw new LabException("only " + registered + " of " + lab.phones().size() + " phones registered before the"
                    + " scenario; the gateway is not ready");
        }
        if (lab.stormPhones().isPresent()) {
            RegisterStorm storm = lab.stormPhones().get();
            progress.accept("  registering " + storm.phones() + " storm phones at " + STORM_SETUP_RATE + "/s");
            RegisterStorm.Result r = storm.run(RegisterStorm.Load.everyPhoneOnce(STORM_SETUP_RATE,
                    READY_WAIT.plusSeconds(storm.phones() / STORM_SETUP_RATE), storm.phones()), QUIET, "storm setup");
            if (r.registered() < storm.phones()) {
                throw new LabException("only " + r.registered() + " of " + storm.phones() + " storm phones registered"
                        + " before the scenario; the gateway is not ready");
            }
        }
        Instant deadline = Instant.now().plus(READY_WAIT);
        while (Instant.now().isBefore(deadline)) {
            boolean up = lab.gateway().trunks().live().stream()
                    .allMatch(t -> t.state().status() == TrunkStatus.REGISTERED || t.state().status() == TrunkStatus.AVAILABLE);
            if (up) {
                return;
            }
            Thread.sleep(100);
        }
        throw new LabException("the trunk did not register with the lab provider within " + READY_WAIT.toSeconds()
                + " s: " + lab.gateway().trunks().summaries());
    }

    private static List<SloLine> lines(List<SloResult> results) {
        List<SloLine> lines = new ArrayList<>();
        for (SloResult r : results) {
            String measured = r.measured().isPresent()
                    ? format(r.measured().getAsDouble()) + " " + r.slo().unit() : r.reason();
            lines.add(new SloLine(r.slo().name(), r.slo().describeTarget(), measured, r.pass()));
        }
        return lines;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The metrics as the report keeps them. */
    static Map<String, Double> values(Metrics m) {
        return new LinkedHashMap<>(m.values());
    }
}
