package dev.lifeline.drill.lab.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lifeline.sip.transaction.TimerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lab phones registering with digest authentication to a registrar on loopback. */
class LabPhoneRegistrationTest {

    static final TimerConfig FAST = new TimerConfig(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private PhoneRuntime runtime;
    private FakeRegistrar registrar;
    private LabPhone phone;
    private PhoneFleet fleet;

    @BeforeEach
    void start() throws Exception {
        runtime = PhoneRuntime.start();
        registrar = new FakeRegistrar(Map.of("1001", "s3cret-1001", "1002", "s3cret-1002", "1003", "s3cret-1003",
                "1004", "s3cret-1004", "1005", "s3cret-1005", "1006", "s3cret-1006"), FAST);
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (phone != null) {
            phone.close();
        }
        registrar.close();
        runtime.close();
    }

    private PhoneSettings settings(String extension, String password) {
        return PhoneSettings.of(extension, password, "127.0.0.21").withRegistrar(registrar.address(), "lab.lifeline")
                .withSipTimers(FAST);
    }

    @Test
    void registersWithDigestAfterTheChallenge() throws Exception {
        phone = LabPhone.start(settings("1001", "s3cret-1001"), runtime);
        Instant before = runtime.clock().instant();

        Registration r = phone.register().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.registered()).isTrue();
        assertThat(r.lastStatus()).isEqualTo(200);
        assertThat(r.lastRegistered()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
        assertThat(r.expiresAt()).hasValueSatisfying(t -> assertThat(t).isAfter(before.plusSeconds(290)));
        assertThat(registrar.registers).hasSize(2);
        assertThat(registrar.registers.get(0).authorization()).isEmpty();
        assertThat(registrar.registers.get(1).authorization()).hasSize(1);
        assertThat(registrar.registers.get(1).contacts().get(0).uri().toString()).startsWith("sip:1001@127.0.0.21:");
        assertThat(registrar.registers.get(1).to().uri().toString()).isEqualTo("sip:1001@lab.lifeline");
        assertThat(registrar.accepted("1001")).isEqualTo(1);
        assertThat(phone.firstRegistrationSince(before)).isPresent();
    }

    @Test
    void reRegistersBeforeTheGrantedExpiryRunsOut() throws Exception {
        phone = LabPhone.start(settings("1001", "s3cret-1001")
                .withRegistration(Duration.ofSeconds(2), 0.5, Duration.ofSeconds(1)), runtime);

        phone.register().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> registrar.accepted("1001") >= 3);
        assertThat(phone.registration().registered()).isTrue();
        // One Call-ID for all refreshes, CSeq rising (RFC 3261 §10.2.4).
        assertThat(registrar.registers).extracting(req -> req.callId()).containsOnly(registrar.registers.get(0).callId());
        assertThat(registrar.registers).extracting(req -> req.cseq().number()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aWrongPasswordIsAFailedRegistrationThatIsRetried() throws Exception {
        phone = LabPhone.start(settings("1001", "wrong")
                .withRegistration(Duration.ofSeconds(60), 0.8, Duration.ofMillis(300)), runtime);

        Registration r = phone.register().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.registered()).isFalse();
        assertThat(r.lastStatus()).isEqualTo(401);
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("401"));
        await().atMost(WAIT).until(() -> phone.registration().attempts() >= 3);
    }

    @Test
    void unregisteringRemovesTheBinding() throws Exception {
        phone = LabPhone.start(settings("1001", "s3cret-1001"), runtime);
        phone.register().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Registration r = phone.unregister().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.registered()).isFalse();
        assertThat(registrar.registers.getLast().expires()).hasValue(0);
    }

    @Test
    void aPhoneWithoutRegistrarSaysSo() throws Exception {
        phone = LabPhone.start(PhoneSettings.of("1009", "x", "127.0.0.21"), runtime);

        assertThatThrownBy(() -> phone.register()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1009 has no registrar");
    }

    @Test
    void aFleetRegistersEveryPhoneWithBoundedConcurrencyAndSaysWhen() throws Exception {
        List<PhoneAccount> accounts = IntStream.rangeClosed(1001, 1006)
                .mapToObj(n -> new PhoneAccount(Integer.toString(n), "s3cret-" + n)).toList();
        Instant before = runtime.clock().instant();

        fleet = PhoneFleet.start(runtime, registrar.address(), "lab.lifeline", accounts,
                List.of("127.0.0.31", "127.0.0.32"), 2, s -> s.withSipTimers(FAST));

        await().atMost(WAIT).until(() -> fleet.status().allRegistered());
        FleetStatus status = fleet.status();
        assertThat(status.total()).isEqualTo(6);
        assertThat(status.registered()).isEqualTo(6);
        assertThat(status.lastRegistered()).containsOnlyKeys("1001", "1002", "1003", "1004", "1005", "1006");
        assertThat(status.lastRegistered().values()).allMatch(t -> t.isPresent() && !t.get().isBefore(before));
        assertThat(fleet.allRegisteredWithin(before)).hasValueSatisfying(d -> assertThat(d).isLessThan(WAIT));
        assertThat(fleet.phone("1004").orElseThrow().sipAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.32");

        // A reboot storm: everyone again; "back within" is measured from the storm.
        Instant storm = runtime.clock().instant();
        assertThat(fleet.allRegisteredWithin(storm.plusSeconds(3600))).isEmpty();
        fleet.registerAll().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(fleet.allRegisteredWithin(storm)).isPresent();
        assertThat(registrar.verdicts).hasSize(12);
    }
}
