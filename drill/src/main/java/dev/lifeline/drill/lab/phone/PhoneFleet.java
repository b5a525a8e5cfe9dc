package dev.lifeline.drill.lab.phone;

import dev.lifeline.sip.transport.TransportException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * N lab phones registering to one registrar (the gateway), with at most a given number of
 * registrations in flight at once. Reports how many are registered and when each last
 * registered, and answers the F5 drill's question "were all phones back within N s of t?".
 */
public final class PhoneFleet implements AutoCloseable {

    private final PhoneRuntime runtime;
    private final RegistrationGate gate;
    private final Map<String, LabPhone> phones = new LinkedHashMap<>();

    private PhoneFleet(PhoneRuntime runtime, int concurrency) {
        this.runtime = runtime;
        this.gate = new RegistrationGate(concurrency);
    }

    /**
     * Starts one phone per account, bound in turn to the given loopback hosts, and registers
     * them all (at most {@code concurrency} at once). Nothing is awaited: watch {@link #status()}.
     *
     * @param registrar   where the phones register (and, for calls, their next hop)
     * @param domain      the registrar's domain
     * @param accounts    extension and password of each phone
     * @param bindHosts   loopback addresses to spread the phones over, e.g. 127.0.0.10..127.0.0.19
     * @param concurrency most registrations in flight at once
     * @param customize   changes each phone's settings (timers, expiry, ring delay); identity for none
     */
    public static PhoneFleet start(PhoneRuntime runtime, InetSocketAddress registrar, String domain,
                                   List<PhoneAccount> accounts, List<String> bindHosts, int concurrency,
                                   UnaryOperator<PhoneSettings> customize) throws TransportException {
        if (bindHosts.isEmpty()) {
            throw new IllegalArgumentException("a phone fleet needs at least one bind host");
        }
        PhoneFleet fleet = new PhoneFleet(runtime, concurrency);
        try {
            for (int i = 0; i < accounts.size(); i++) {
                PhoneAccount a = accounts.get(i);
                if (fleet.phones.containsKey(a.extension())) {
                    throw new IllegalArgumentException("extension " + a.extension() + " appears twice in the fleet");
                }
                PhoneSettings s = customize.apply(PhoneSettings.of(a.extension(), a.password(),
                        bindHosts.get(i % bindHosts.size())).withRegistrar(registrar, domain));
                fleet.phones.put(a.extension(), LabPhone.start(s, runtime, fleet.gate));
            }
        } catch (TransportException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        fleet.registerAll();
        return fleet;
    }

    /** Registers every phone now, through the concurrency limit (a reboot storm, paced). */
    public CompletionStage<Void> registerAll() {
        List<CompletableFuture<Registration>> all = new ArrayList<>();
        for (LabPhone phone : phones.values()) {
            all.add(phone.register().toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    }

    public List<LabPhone> phones() {
        return List.copyOf(phones.values());
    }

    public Optional<LabPhone> phone(String extension) {
        return Optional.ofNullable(phones.get(extension));
    }

    public FleetStatus status() {
        Map<String, Optional<Instant>> last = new LinkedHashMap<>();
        int registered = 0;
        for (LabPhone phone : phones.values()) {
            Registration r = phone.registration();
            last.put(phone.extension(), r.lastRegistered());
            if (r.registered()) {
                registered++;
            }
        }
        return new FleetStatus(runtime.clock().instant(), phones.size(), registered, last);
    }

    /**
     * How long after {@code since} the last phone registered successfully, counting each phone's
     * first success at or after {@code since}; empty while some phone has not.
     */
    public Optional<Duration> allRegisteredWithin(Instant since) {
        Duration worst = Duration.ZERO;
        for (LabPhone phone : phones.values()) {
            Optional<Instant> first = phone.firstRegistrationSince(since);
            if (first.isEmpty()) {
                return Optional.empty();
            }
            Duration d = Duration.between(since, first.get());
            worst = d.compareTo(worst) > 0 ? d : worst;
        }
        return Optional.of(worst);
    }

    /** Registrations waiting for a slot under the concurrency limit. */
    public int registrationsQueued() {
        return gate.queued();
    }

    @Override
    public void close() {
        phones.values().forEach(LabPhone::close);
    }
}
