package dev.lifeline.gateway.edge;

import dev.lifeline.gateway.config.DurationFormat;
import dev.lifeline.gateway.events.Event.SourceBanned;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.sip.message.SipMessage;
import dev.lifeline.sip.message.SipResponse;
import dev.lifeline.sip.stack.SourceFilter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The addresses banned for repeated password guesses, and the guesses counted toward a ban:
 * the {@link BanRule} applied per address, with the time from an injected clock. As a
 * {@link SourceFilter} it drops a banned address's requests before the SIP stack makes a
 * transaction of them, and counts each one dropped. Responses are never dropped: they answer
 * requests the gateway sent (an INVITE or a keepalive OPTIONS to a phone), match a client
 * transaction or are discarded by the stack anyway, and dropping them would cut the gateway
 * off from a phone it is calling. Thread-safe.
 *
 * <p>Memory is bounded: past {@code capacity} tracked addresses the ones that no longer matter
 * are forgotten, and if all still matter new addresses are not tracked (a flood from that many
 * addresses is beyond what a per-address ban can stop; it is logged by the events it causes).
 */
public final class BanList implements SourceFilter {

    public static final int DEFAULT_CAPACITY = 100_000;

    /** A ban in force. */
    public record Ban(InetAddress source, Instant until) {
    }

    /** Whether a phone holds a live registration from an address; asked only when a guess is counted. */
    @FunctionalInterface
    public interface Registrations {
        boolean liveFrom(InetAddress source);

        Registrations NONE = source -> false;
    }

    private final BanRule rule;
    private final EventSink events;
    private final InstantSource clock;
    private final int capacity;
    private final Registrations registrations;
    private final Map<InetAddress, SourceRecord> sources = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    public BanList(BanRule rule, EventSink events, InstantSource clock, int capacity, Registrations registrations) {
        this.rule = rule;
        this.events = events;
        this.clock = clock;
        this.capacity = capacity;
        this.registrations = registrations;
    }

    public BanList(BanRule rule, EventSink events, InstantSource clock, Registrations registrations) {
        this(rule, events, clock, DEFAULT_CAPACITY, registrations);
    }

    public BanList(BanRule rule, EventSink events, InstantSource clock) {
        this(rule, events, clock, DEFAULT_CAPACITY, Registrations.NONE);
    }

    /** Responses always pass (see the class comment); requests only from addresses not banned. */
    @Override
    public boolean admits(InetSocketAddress remote, SipMessage message) {
        return message instanceof SipResponse || admits(remote);
    }

    @Override
    public boolean admits(InetSocketAddress remote) {
        if (isBanned(remote.getAddress())) {
            dropped.increment();
            return false;
        }
        return true;
    }

    public boolean isBanned(InetAddress source) {
        SourceRecord record = sources.get(source);
        return record != null && rule.isBanned(record, clock.instant());
    }

    /**
     * Counts a password guess from {@code source} (only failures that prove one: see
     * {@link BanRule}); reports a {@link SourceBanned} when it starts a ban.
     */
    public void failed(InetAddress source, String reason) {
        Instant now = clock.instant();
        boolean registered = registrations.liveFrom(source);
        if (!sources.containsKey(source) && sources.size() >= capacity) {
            sources.entrySet().removeIf(e -> rule.isForgettable(e.getValue(), now));
            if (sources.size() >= capacity) {
                return;
            }
        }
        AtomicReference<Optional<Instant>> banned = new AtomicReference<>(Optional.empty());
        sources.compute(source, (address, record) -> {
            BanRule.Step step = rule.onFailure(record == null ? SourceRecord.CLEAN : record, now, registered);
            banned.set(step.bannedUntil());
            return step.state();
        });
        banned.get().ifPresent(until -> events.accept(new SourceBanned(now, source, until,
                rule.threshold(registered) + " password guesses within "
                        + DurationFormat.format(rule.settings().failureWindow())
                        + (registered ? " from an address with a live registration" : "") + "; last: " + reason)));
    }

    /** Bans in force now, for status. */
    public List<Ban> active() {
        Instant now = clock.instant();
        return sources.entrySet().stream()
                .filter(e -> rule.isBanned(e.getValue(), now))
                .map(e -> new Ban(e.getKey(), e.getValue().bannedUntil().orElseThrow()))
                .toList();
    }

    /** Messages dropped because their source was banned. */
    public long dropped() {
        return dropped.sum();
    }
}
