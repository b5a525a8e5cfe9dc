package dev.lifeline.gateway.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.gateway.FakeClock;
import dev.lifeline.gateway.change.ChangeControl.Outcome;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.storage.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change control against a recording gateway and a real SQLite store, its timers on a fake clock. */
class ChangeControlTest {

    @TempDir
    Path storage;
    final FakeClock clock = new FakeClock();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    SqliteDatabase database;
    RecordingTarget gateway;
    ChangeControl changes;
    String base;

    /** The gateway as change control sees it: the configuration in force and a snapshot the test sets. */
    static final class RecordingTarget implements ChangeControl.Target {
        volatile SiteConfig config;
        final List<SiteConfig> used = new CopyOnWriteArrayList<>();
        volatile HealthGates.Snapshot snapshot = new HealthGates.Snapshot(Set.of(), Set.of(), Set.of("1001", "1002"));
        volatile boolean failNext;

        @Override
        public SiteConfig current() {
            return config;
        }

        @Override
        public void use(SiteConfig next) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the router refused it");
            }
            config = next;
            used.add(next);
        }

        @Override
        public HealthGates.Snapshot snapshot() {
            return snapshot;
        }
    }

    @BeforeEach
    void start() throws Exception {
        base = Sites.base(storage);
        database = SqliteDatabase.open(storage);
        gateway = new RecordingTarget();
        gateway.config = SiteConfigLoader.parse("site.yaml", base);
        changes = new ChangeControl(gateway, new SqliteConfigVersions(database), events::add, clock, timers);
        changes.adopt(base, "site.yaml");
    }

    @AfterEach
    void stop() {
        changes.close();
        timers.shutdownNow();
        database.close();
    }

    private Outcome apply(String yaml, Optional<Duration> confirmWithin) {
        return changes.apply(yaml, "new.yaml", "alice", confirmWithin, Duration.ofSeconds(20));
    }

    @Test
    void anAppliedVersionIsInForceAndKeptWhenItsGatesPassForTheirWindow() {
        Outcome outcome = apply(Sites.withExtension1004(base), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Applied.class, a -> {
            assertThat(a.version()).isEqualTo(2);
            assertThat(a.changed()).containsExactly("extensions");
        });
        assertThat(gateway.config.extension("1004")).isPresent();
        clock.advance(Duration.ofSeconds(20));
        changes.tick();

        assertThat(changes.watching()).isEmpty();
        assertThat(changes.history()).extracting(ConfigVersion::version, ConfigVersion::status, ConfigVersion::who)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "superseded", "start"),
                        org.assertj.core.groups.Tuple.tuple(2, "active", "alice"));
        assertThat(events).extracting(Event::type).containsExactly("ConfigApplied", "ConfigConfirmed");
        assertThat(((Event.ConfigApplied) events.get(0)).sha256()).isEqualTo(ChangeControl.sha256(Sites.withExtension1004(base)));
    }

    @Test
    void aConfirmationThatDoesNotComeRestoresThePreviousVersionWithAnEvent() {
        SiteConfig before = gateway.config;
        apply(Sites.withExtension1004(base), Optional.of(Duration.ofSeconds(120)));
        clock.advance(Duration.ofSeconds(119));
        changes.tick();
        assertThat(changes.watching()).isPresent();

        clock.advance(Duration.ofSeconds(1));
        changes.tick();

        assertThat(gateway.config).isSameAs(before);
        assertThat(changes.activeVersion()).isEqualTo(1);
        assertThat(events).filteredOn(Event.ConfigRolledBack.class::isInstance).singleElement()
                .isEqualTo(new Event.ConfigRolledBack(clock.instant(), 2, 1,
                        "not confirmed within 120 s (lifeline config confirm)"));
        assertThat(changes.history()).extracting(ConfigVersion::status).containsExactly("active", "rolled-back");
    }

    @Test
    void aConfirmedVersionIsKept() {
        apply(Sites.withExtension1004(base), Optional.of(Duration.ofSeconds(120)));
        clock.advance(Duration.ofSeconds(30));

        assertThat(changes.confirm("bob")).isInstanceOf(Outcome.Done.class);

        assertThat(changes.watching()).isEmpty();
        assertThat(events).last().isEqualTo(new Event.ConfigConfirmed(clock.instant(), 2, "operator"));
        assertThat(changes.activeVersion()).isEqualTo(2);
    }

    @Test
    void aPhoneThatLosesItsRegistrationFailsTheGateAndTheChangeIsUndone() {
        SiteConfig before = gateway.config;
        apply(Sites.withExtension1004(base).replace("pw1002", "new-secret"), Optional.empty());

        changes.onEvent(new Event.RegistrationRejected(clock.instant(), "1002", dev.lifeline.sip.transport.Transport.UDP,
                new java.net.InetSocketAddress("127.0.0.1", 5062), 403, "wrong password"));
        changes.tick();

        assertThat(gateway.config).isSameAs(before);
        assertThat(events).filteredOn(Event.ConfigRolledBack.class::isInstance).singleElement()
                .extracting(e -> ((Event.ConfigRolledBack) e).reason()).asString()
                .isEqualTo("health gate failed: phone 1002 was registered before the change and its REGISTER was"
                        + " refused after it (403 wrong password)");
    }

    @Test
    void aRestartOnlyChangeIsRefusedNamingTheFieldAndNothingIsStored() {
        Outcome outcome = apply(base.replace("{transport: udp, address: 127.0.0.1:15060}", "{transport: udp, address: 127.0.0.1:5070}")
                .replace("pw1001", "changed"), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ChangeControl.Reason.NEEDS_RESTART);
            assertThat(r.message()).startsWith("needs a restart: listen[0].address");
        });
        assertThat(gateway.used).isEmpty();
        assertThat(changes.history()).hasSize(1);
        assertThat(events).isEmpty();
    }

    @Test
    void badYamlIsRefusedWithFileLineAndFieldAndNothingChanges() {
        Outcome outcome = apply(base.replace("{number: 1002, name: Front desk, password: pw1002}",
                "{number: 10x2, name: Front desk, password: pw1002}"), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ChangeControl.Reason.INVALID);
            assertThat(r.problems()).singleElement().asString().startsWith("new.yaml:7:").contains("extensions[1].number");
        });
        assertThat(gateway.used).isEmpty();
        assertThat(changes.history()).hasSize(1);
    }

    @Test
    void aSecondApplyWaitsForTheFirstToBeDecided() {
        apply(Sites.withExtension1004(base), Optional.empty());

        assertThat(apply(base.replace("pw1003", "x"), Optional.empty())).isInstanceOfSatisfying(Outcome.Refused.class,
                r -> assertThat(r.message()).contains("version 2 is still under watch"));
    }

    @Test
    void rollbackPutsTheVersionBeforeBackAndDiffShowsTheChange() {
        apply(Sites.withExtension1004(base), Optional.empty());
        clock.advance(Duration.ofSeconds(20));
        changes.tick();

        Outcome rolledBack = changes.rollback(Optional.empty(), "carol");

        assertThat(rolledBack).isEqualTo(new Outcome.Done(1, "version 2 rolled back; version 1 is in force"));
        assertThat(gateway.config.extension("1004")).isEmpty();
        assertThat(changes.history()).extracting(ConfigVersion::status).containsExactly("active", "rolled-back");
        assertThat(changes.diff(1, 2)).hasValueSatisfying(d -> assertThat(d)
                .startsWith("--- version 1\n+++ version 2\n")
                .contains("\n+" + Sites.NEW_EXTENSION));
        assertThat(changes.rollback(Optional.of(2), "carol")).isEqualTo(new Outcome.Done(2,
                "version 1 rolled back; version 2 is in force"));
        assertThat(changes.rollback(Optional.of(9), "carol")).isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void theSameTextAgainIsUnchanged() {
        assertThat(apply(base, Optional.empty())).isEqualTo(new Outcome.Unchanged(1));
    }

    @Test
    void aRestartedGatewayReadsItsStoredVersions() {
        apply(Sites.withExtension1004(base), Optional.empty());
        changes.close();

        ChangeControl again = new ChangeControl(gateway, new SqliteConfigVersions(database), events::add, clock, timers);
        int adopted = again.adopt(base, "site.yaml");

        assertThat(adopted).isEqualTo(3);
        assertThat(again.history()).extracting(ConfigVersion::status).containsExactly("superseded", "rolled-back", "active");
        assertThat(again.history().get(1).reason()).isEqualTo("the gateway restarted while it was watched");
    }

    @Test
    void aDialPlanThatWouldLeaveAnEmergencyNumberWithoutATrunkIsRefused() throws Exception {
        String example = java.nio.file.Files.readString(Path.of("..", "examples", "site.yaml"));
        gateway.config = SiteConfigLoader.parse("site.yaml", example);
        String broken = example.replace("emergency: [911, 112]", "emergency: [112]");

        Outcome outcome = apply(broken, Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(ChangeControl.Reason.BREAKS_EMERGENCY);
            assertThat(r.message()).startsWith("emergency number 911 would no longer reach a trunk: it routes to 404")
                    .endsWith("keep it in dialPlan.emergency (nothing was applied)");
        });
        assertThat(gateway.used).isEmpty();
        assertThat(apply(example.replace("emergency: [911, 112]", "emergency: [911, 112, 999]"), Optional.empty()))
                .isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aVersionThatFailsToApplyIsUndoneWholeAndSaysWhy() {
        SiteConfig before = gateway.config;
        gateway.failNext = true;

        Outcome outcome = apply(Sites.withExtension1004(base), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.message())
                .isEqualTo("applying version 2 failed (the router refused it); version 1 was put back"));
        assertThat(gateway.config).isSameAs(before);
        assertThat(changes.activeVersion()).isEqualTo(1);
        assertThat(changes.watching()).isEmpty();
        assertThat(changes.history()).extracting(ConfigVersion::status).containsExactly("active", "rolled-back");
    }
}
