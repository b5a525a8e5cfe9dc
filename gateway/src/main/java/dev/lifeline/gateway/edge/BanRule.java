package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.config.SecuritySettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ban decision as a pure function: {@code banAfterFailures} password guesses from one
 * address within {@code failureWindow} ban it for {@code banDuration}. Each step takes the
 * source's record and the time and returns the next record, so it is tested on a fake clock
 * without sockets. A ban clears the failure count: after it expires the source starts afresh.
 *
 * <p>Only failures that prove a guess by a sender at that address are counted (a wrong answer
 * to a live nonce the gateway sent to that address; see {@code Verdict.Rejected.Kind.GUESS}),
 * so forged packets cannot ban anyone. An address where a phone holds a live registration
 * needs {@link SecuritySettings#REGISTERED_FACTOR} times as many: banning it cuts off a
 * working phone, so it takes a much stronger signal, yet a guesser sharing that phone's NAT
 * does not get unlimited tries.
 */
public final class BanRule {

    /** The record after a failure, and whether that failure started a ban. */
    public record Step(SourceRecord state, Optional<Instant> bannedUntil) {

        public boolean banned() {
            return bannedUntil.isPresent();
        }
    }

    private final SecuritySettings settings;

    public BanRule(SecuritySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SecuritySettings settings() {
        return settings;
    }

    /**
     * @param registered whether a phone holds a live registration from the source address
     */
    public Step onFailure(SourceRecord state, Instant now, boolean registered) {
        if (isBanned(state, now)) {
            return new Step(state, Optional.empty()); // already refused; a late failure changes nothing
        }
        List<Instant> failures = new ArrayList<>(recent(state, now));
        failures.add(now);
        if (failures.size() >= threshold(registered)) {
            Instant until = now.plus(settings.banDuration());
            return new Step(new SourceRecord(List.of(), Optional.of(until)), Optional.of(until));
        }
        return new Step(new SourceRecord(failures, state.bannedUntil()), Optional.empty());
    }

    /** How many guesses within the window ban an address. */
    public int threshold(boolean registered) {
        return registered ? settings.banAfterFailures() * SecuritySettings.REGISTERED_FACTOR : settings.banAfterFailures();
    }

    public boolean isBanned(SourceRecord state, Instant now) {
        return state.bannedUntil().filter(now::isBefore).isPresent();
    }

    /** True when the record no longer affects any decision and can be dropped to save memory. */
    public boolean isForgettable(SourceRecord state, Instant now) {
        return !isBanned(state, now) && recent(state, now).isEmpty();
    }

    private List<Instant> recent(SourceRecord state, Instant now) {
        Instant windowStart = now.minus(settings.failureWindow());
        return state.failures().stream().filter(windowStart::isBefore).toList();
    }
}
