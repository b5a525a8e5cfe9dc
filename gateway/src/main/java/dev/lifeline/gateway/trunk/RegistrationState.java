package dev.lifeline.gateway.trunk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link TrunkRegistration} remembers between inputs. Timers are deadlines in the
 * state, not scheduled tasks: the shell wakes the machine at {@link #nextWake()} with a
 * {@link TrunkInput.Tick}, so a stale timer cannot fire into a newer state. The deadlines:
 * the next REGISTER (refresh or retry), the next OPTIONS, and the binding's expiry while registered.
 *
 * @param phase    lifecycle of the machine itself
 * @param report   what is reported outside
 * @param register the REGISTER track
 * @param probe    the OPTIONS keepalive track
 */
public record RegistrationState(Phase phase, TrunkState report, Track register, Track probe, Duration askExpires) {

    /** Lifecycle: started once, stopped once. */
    public enum Phase { NEW, RUNNING, STOPPING, STOPPED }

    /**
     * One kind of request that is sent again and again.
     *
     * @param id       the id of the latest one sent; answers to older ones are stale
     * @param inFlight whether the latest one is still waiting for its answer
     * @param failures consecutive failures
     * @param due      when the next one goes out, if one is scheduled
     */
    public record Track(int id, boolean inFlight, int failures, Optional<Instant> due) {

        public Track {
            Objects.requireNonNull(due, "due");
        }

        static final Track IDLE = new Track(0, false, 0, Optional.empty());

        Track sent() {
            return new Track(id + 1, true, failures, Optional.empty());
        }

        Track answered(int consecutiveFailures, Optional<Instant> next) {
            return new Track(id, false, consecutiveFailures, next);
        }

        Track withDue(Optional<Instant> next) {
            return new Track(id, inFlight, failures, next);
        }

        Track withFailures(int count) {
            return new Track(id, inFlight, count, due);
        }

        boolean isCurrent(int answerId) {
            return inFlight && answerId == id;
        }

        boolean isDue(Instant now) {
            return !inFlight && due.isPresent() && !now.isBefore(due.get());
        }
    }

    public RegistrationState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(askExpires, "askExpires");
    }

    /** The earliest deadline, when the shell must send a {@link TrunkInput.Tick}. */
    public Optional<Instant> nextWake() {
        if (phase != Phase.RUNNING) {
            return Optional.empty();
        }
        Optional<Instant> r = register.inFlight() ? Optional.empty() : register.due();
        Optional<Instant> p = probe.inFlight() ? Optional.empty() : probe.due();
        Optional<Instant> lapse = report.status() == TrunkStatus.REGISTERED ? report.expiresAt() : Optional.empty();
        return earliest(earliest(r, p), lapse);
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
    }

    RegistrationState with(Phase value) {
        return new RegistrationState(value, report, register, probe, askExpires);
    }

    RegistrationState with(TrunkState value) {
        return new RegistrationState(phase, value, register, probe, askExpires);
    }

    RegistrationState withRegister(Track value) {
        return new RegistrationState(phase, report, value, probe, askExpires);
    }

    RegistrationState withProbe(Track value) {
        return new RegistrationState(phase, report, register, value, askExpires);
    }

    RegistrationState withAskExpires(Duration value) {
        return new RegistrationState(phase, report, register, probe, value);
    }
}
