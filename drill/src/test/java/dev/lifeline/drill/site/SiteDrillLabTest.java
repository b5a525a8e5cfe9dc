package dev.lifeline.drill.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.drill.lab.Lab;
import dev.lifeline.drill.lab.provider.CallerId;
import dev.lifeline.drill.lab.provider.InboundCall;
import dev.lifeline.drill.report.DrillReport;
import dev.lifeline.drill.report.ScenarioReport;
import dev.lifeline.drill.report.Verdict;
import dev.lifeline.drill.scenario.Metrics;
import dev.lifeline.gateway.Gateway;
import dev.lifeline.gateway.config.DrillSettings;
import dev.lifeline.gateway.config.Secret;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site drill against a gateway in the in-process lab (examples/site.yaml, standing in for a
 * real site): the gateway cuts its own path through the admin API, detects it and fails over
 * while the test phone's call carries on; an interrupted drill and an abandoned fault leave
 * nothing behind, as the gateway's events show.
 */
class SiteDrillLabTest {

    @TempDir
    Path work;

    private static final DrillSettings DRILL = new DrillSettings("1001", new Secret("pw1001"), "915550123",
            Optional.of("+15550100"), "127.0.0.1", Optional.of("wan1"), Duration.ofSeconds(8), 10, Duration.ofSeconds(6));

    private static SiteConfig site(boolean faultInjection) throws Exception {
        SiteConfig c = SiteConfigLoader.load(Path.of("../examples/site.yaml"));
        return c.withAdmin(c.admin().withFaultInjection(faultInjection));
    }

    private static SiteDrill.Target target(Lab lab) throws Exception {
        String token = Files.readString(lab.labSite().storage().resolve(Gateway.ADMIN_TOKEN_FILE)).strip();
        return new SiteDrill.Target(new SiteAdmin(lab.gateway().adminUri(), token), lab.gatewaySip(),
                lab.labSite().registrar().realm());
    }

    /** The trunk registered through the lab provider: the site is up before the drill starts. */
    private static void awaitTrunk(Lab lab) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !lab.provider().observations(
                dev.lifeline.drill.lab.provider.ProviderObservation.RegisterAccepted.class).isEmpty());
    }

    @Test
    void aSiteDrillInTheLabCutsThePathAndTheGatewayFailsOverUnderTheTestCall() throws Exception {
        try (Lab lab = Lab.start(site(true), work, line -> { })) {
            awaitTrunk(lab);
            List<String> progress = new CopyOnWriteArrayList<>();
            DrillReport report;
            // In the lab the provider itself calls the DID (its test peer does not hairpin a call to it).
            try (SiteDrill drill = new SiteDrill(lab.labSite(), DRILL, target(lab), "examples/site.yaml",
                    progress::add, InstantSource.system()).withOutsideCaller((did, phone, gateway, placed) ->
                    lab.provider().placeCall(InboundCall.to(did, CallerId.e164("+15557654321"))))) {
                report = drill.run();
            }

            System.out.println(dev.lifeline.drill.report.SummaryTable.format(report));
            report.scenario(SiteDrill.INBOUND).ifPresent(r -> r.events().forEach(e -> System.out.println(e.summary())));
            ScenarioReport cut = report.scenario(SiteDrill.PATH_CUT).orElseThrow();
            System.out.println("site drill in the lab: " + cut.metrics() + " / "
                    + report.scenario(SiteDrill.MEDIA_LOSS).orElseThrow().metrics());
            assertThat(cut.verdict()).as(cut.slos().toString() + cut.error()).isEqualTo(Verdict.PASS);
            assertThat(cut.metric(Metrics.DETECTION_GATEWAY_S)).hasValueSatisfying(s -> assertThat(s).isBetween(0.0, 1.0));
            assertThat(cut.metric("trunk_moved_gateway_s")).isPresent();
            assertThat(cut.metric(SiteDrill.REGISTERED_GATEWAY_S)).hasValueSatisfying(s -> assertThat(s).isLessThan(2.0));
            assertThat(cut.metric(Metrics.AUDIO_GAP_S)).hasValueSatisfying(s -> assertThat(s).isGreaterThan(0.2));
            ScenarioReport loss = report.scenario(SiteDrill.MEDIA_LOSS).orElseThrow();
            assertThat(loss.verdict()).as(loss.slos().toString() + loss.error()).isEqualTo(Verdict.PASS);
            assertThat(loss.metric(Metrics.LOSS_MAX_PCT)).hasValueSatisfying(p -> assertThat(p).isGreaterThan(4.0));
            ScenarioReport inbound = report.scenario(SiteDrill.INBOUND).orElseThrow();
            assertThat(inbound.verdict()).as(inbound.slos().toString() + inbound.events()).isEqualTo(Verdict.PASS);
            assertThat(inbound.events()).anySatisfy(e -> assertThat(e.summary())
                    .contains("caller ID as presented").contains("15557654321"));
            assertThat(report.scenario(SiteDrill.DNS_PER_PATH).orElseThrow().verdict()).isEqualTo(Verdict.PASS);
            assertThat(lab.gateway().faults().orElseThrow().active()).isEmpty();
            assertThat(report.scenario(SiteDrill.REGISTRATION_RECOVERY)).as("not run without --restart").isEmpty();
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("not run: registration recovery")
                    .contains("no portable SIP request").contains("--restart"));
        }
    }

    @Test
    void aRestartCommandThatFailsIsReportedWithItsStatusAndStderr() throws Exception {
        DrillSettings failing = new DrillSettings("1001", new Secret("pw1001"), "915550123", Optional.empty(),
                "127.0.0.1", Optional.of("wan1"), Duration.ofSeconds(5), 10, Duration.ofSeconds(5),
                Optional.of("echo 'Unit lifeline.service not found.' >&2; exit 5"));
        try (Lab lab = Lab.start(site(true), work, line -> { })) {
            awaitTrunk(lab);
            DrillReport report;
            try (SiteDrill drill = new SiteDrill(lab.labSite(), failing, target(lab), "site.yaml", line -> { },
                    InstantSource.system()).withRestart(true)) {
                report = drill.run();
            }

            ScenarioReport restart = report.scenario(SiteDrill.REGISTRATION_RECOVERY).orElseThrow();
            assertThat(restart.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(restart.error()).hasValueSatisfying(e -> assertThat(e).contains("exited with status 5")
                    .contains("Unit lifeline.service not found.").contains("drill.restartCommand"));
            assertThat(report.notes()).noneSatisfy(n -> assertThat(n).contains("not run: registration recovery"));
            assertThat(lab.gateway().faults().orElseThrow().active()).isEmpty();
        }
        assertThatThrownBy(() -> new SiteDrill(site(true), DRILL, null, "site.yaml", line -> { },
                InstantSource.system()).withRestart(true)).hasMessageContaining("restartCommand");
    }

    @Test
    void anInterruptedDrillAndAnAbandonedFaultLeaveNothingBehind() throws Exception {
        try (Lab lab = Lab.start(site(true), work, line -> { })) {
            awaitTrunk(lab);
            SiteDrill.Target target = target(lab);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            SiteDrill drill = new SiteDrill(lab.labSite(), DRILL, target, "site.yaml", line -> { },
                    InstantSource.system());
            Thread runner = new Thread(() -> {
                try {
                    drill.run();
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            Instant before = Instant.now();
            runner.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !lab.gateway().faults().orElseThrow().active().isEmpty());

            runner.interrupt();     // what Ctrl-C does to the drill's thread
            runner.join(10_000);

            assertThat(runner.isAlive()).isFalse();
            assertThat(outcome.get()).isInstanceOf(SiteDrillException.class).hasMessageContaining("interrupted");
            assertThat(target.admin().activeFaults()).isEmpty();
            assertThat(target.admin().events(before)).filteredOn(e -> e.type().equals("FaultEnded"))
                    .extracting(e -> e.text("reason")).containsExactly("ended through the admin API");

            // A drill killed outright cannot end its fault: the gateway does, at the deadline.
            Instant abandoned = Instant.now();
            SiteAdmin.StartedFault fault = target.admin().cutPath("wan2", Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(6)).until(() -> target.admin().activeFaults().isEmpty());
            assertThat(target.admin().events(abandoned)).filteredOn(e -> e.type().equals("FaultEnded"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.text("id")).isEqualTo(fault.id());
                        assertThat(e.text("reason")).isEqualTo("deadline");
                    });
        }
    }

    @Test
    void aGatewayWithoutFaultInjectionRefusesTheDrill() throws Exception {
        try (Lab lab = Lab.start(site(false), work, line -> { })) {
            SiteDrill.Target target = target(lab);
            try (SiteDrill drill = new SiteDrill(lab.labSite(), DRILL, target, "site.yaml", line -> { },
                    InstantSource.system())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(drill::run)
                        .isInstanceOf(SiteDrillException.class).hasMessageContaining("HTTP 403")
                        .hasMessageContaining("admin.faultInjection: true");
            }
            assertThat(lab.gateway().faults()).isEmpty();
        }
    }
}
