package dev.lifeline.gateway.fault;

import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import dev.lifeline.media.relay.MediaGate;
import dev.lifeline.sip.transport.SocketGate;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Starts and ends injected faults, and is the gate the gateway's sockets ask for every packet.
 * Each fault gets a timer at its deadline that ends it ({@link Event.FaultEnded} "deadline"); the
 * gate itself ignores faults past their deadline, so a late timer changes only when the event is
 * written. Closing ends every fault still active.
 */
public final class FaultInjector implements SocketGate, MediaGate, AutoCloseable {

    /** The longest fault the API accepts: a drill step, not an outage. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    /** Why a request to inject was refused: an HTTP status and a sentence for the operator. */
    public record Refusal(int status, String message) {
    }

    /** A request's outcome: the fault started, or why not. */
    public sealed interface Outcome permits Started, Refused {
    }

    public record Started(Fault fault) implements Outcome {
    }

    public record Refused(Refusal refusal) implements Outcome {
    }

    private final Map<String, WanPath> paths;
    private final Predicate<String> callExists;
    private final EventSink events;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService timers;
    private volatile FaultBook book = FaultBook.EMPTY;

    /**
     * @param paths      the site's WAN paths by name
     * @param callExists whether a Call-ID is one of the gateway's calls now (media loss refuses others)
     * @param random     draws which packets a media loss drops
     * @param timers     runs the deadlines
     */
    public FaultInjector(List<WanPath> paths, Predicate<String> callExists, EventSink events, InstantSource clock,
                         RandomGenerator random, ScheduledExecutorService timers) {
        this.paths = paths.stream().collect(java.util.stream.Collectors.toMap(WanPath::name, p -> p,
                (a, b) -> a, java.util.LinkedHashMap::new));
        this.callExists = callExists;
        this.events = events;
        this.clock = clock;
        this.random = random;
        this.timers = timers;
    }

    /** Cuts path {@code name} for {@code duration}. */
    public Outcome cutPath(String name, Duration duration) {
        WanPath path = paths.get(name);
        if (path == null) {
            return refused(404, "no WAN path named '" + name + "'; the paths are " + paths.keySet());
        }
        Instant now = clock.instant();
        return start(duration, id -> new Fault.PathCut(id, name, path.bind(), now, now.plus(duration)));
    }

    /** Drops {@code percent} % of call {@code callId}'s media for {@code duration}. */
    public Outcome loseMedia(String callId, int percent, Duration duration) {
        if (percent < 1 || percent > 100) {
            return refused(400, "percent is " + percent + "; expected 1 to 100");
        }
        if (!callExists.test(callId)) {
            return refused(404, "no call with Call-ID '" + callId + "' is up on this gateway");
        }
        Instant now = clock.instant();
        return start(duration, id -> new Fault.MediaLoss(id, callId, percent, now, now.plus(duration)));
    }

    private synchronized Outcome start(Duration duration, java.util.function.Function<String, Fault> make) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            return refused(400, "duration is " + duration.toSeconds() + " s; expected 1 to "
                    + MAX_DURATION.toSeconds() + " s");
        }
        Fault fault = make.apply(newId());
        Instant now = clock.instant();
        if (book.busy(fault, now)) {
            return refused(409, "a " + fault.kind() + " on " + fault.target() + " is already active; end it first");
        }
        book = book.with(fault);
        events.accept(new Event.FaultStarted(now, fault.id(), fault.kind(), fault.target(), fault.detail(),
                fault.until()));
        timers.schedule(() -> end(fault.id(), "deadline"), Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
        return new Started(fault);
    }

    /** Ends fault {@code id} now; false when it is not active (ended already, or never was). */
    public synchronized boolean end(String id, String reason) {
        var found = book.find(id);
        if (found.isEmpty()) {
            return false;
        }
        book = book.without(id);
        Fault f = found.get();
        events.accept(new Event.FaultEnded(clock.instant(), f.id(), f.kind(), f.target(), reason));
        return true;
    }

    /** Ends every active fault; returns how many. */
    public synchronized int endAll(String reason) {
        List<Fault> all = book.faults();
        all.forEach(f -> end(f.id(), reason));
        return all.size();
    }

    /** The faults not yet ended, oldest first. */
    public List<Fault> active() {
        return book.faults();
    }

    @Override
    public boolean passes(InetSocketAddress local) {
        FaultBook b = book;
        return b.faults().isEmpty() || !b.cuts(local.getAddress(), clock.instant());
    }

    /**
     * A path cut drops the packet either way; a media loss draws once per packet, on its way in
     * to the relay (so each direction of the call loses its share once, not once per socket).
     */
    @Override
    public boolean passes(InetSocketAddress local, String session, boolean inbound) {
        FaultBook b = book;
        if (b.faults().isEmpty()) {
            return true;
        }
        Instant now = clock.instant();
        if (b.cuts(local.getAddress(), now)) {
            return false;
        }
        int percent = inbound ? b.lossPercent(session, now) : 0;
        return percent == 0 || random.nextInt(100) >= percent;
    }

    @Override
    public void close() {
        endAll("gateway stopping");
    }

    private static Outcome refused(int status, String message) {
        return new Refused(new Refusal(status, message));
    }

    private String newId() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
