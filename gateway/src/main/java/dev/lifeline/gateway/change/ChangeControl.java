package dev.lifeline.gateway.change;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.lifeline.gateway.config.ConfigException;
import dev.lifeline.gateway.config.Extension;
import dev.lifeline.gateway.config.SiteConfig;
import dev.lifeline.gateway.config.SiteConfigLoader;
import dev.lifeline.gateway.config.Trunk;
import dev.lifeline.gateway.config.WanPath;
import dev.lifeline.gateway.events.Event;
import dev.lifeline.gateway.events.EventSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new configuration to the running gateway, keeps every version in the store, and
 * undoes a version whose health gates fail or whose confirmation does not come in time. One
 * version at a time is under watch; another apply waits until it is kept or undone.
 *
 * <p>Threads: the admin API's, SIGHUP's and the timer's calls are serialised on this object.
 */
public final class ChangeControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeControl.class);
    /** How often the gates are looked at while a version is watched. */
    public static final Duration TICK = Duration.ofMillis(250);
    /** How long the gates watch a version when the caller does not say. */
    public static final Duration DEFAULT_GATES = Duration.ofSeconds(20);
    /** Bounds on what callers may ask for, so a typo does not leave a version watched for a day. */
    public static final Duration MAX_WINDOW = Duration.ofHours(1);
    /** Refusals kept for the gates while a version is watched; a storm of them says as much as the first few. */
    static final int MAX_REFUSALS = 1_000;

    /** The running gateway as change control sees it. */
    public interface Target {
        SiteConfig current();

        /** Puts {@code next} in force for everything {@link ConfigDelta#HOT_FIELDS} covers. */
        void use(SiteConfig next);

        HealthGates.Snapshot snapshot();
    }

    /** What an apply, a confirm or a rollback came to. */
    public sealed interface Outcome {
        /** Applied and now under watch. */
        record Applied(int version, List<String> changed, Instant gatesUntil, Optional<Instant> confirmBy)
                implements Outcome {
        }

        /** Nothing applied. {@code problems} lists a file's problems, one a line, when it did not validate. */
        record Refused(Reason reason, String message, List<String> problems) implements Outcome {
        }

        /** The text is the version in force. */
        record Unchanged(int version) implements Outcome {
        }

        /** A confirm, rollback: what happened, in words. */
        record Done(int version, String message) implements Outcome {
        }
    }

    /** Why nothing was applied. */
    public enum Reason {
        /** the YAML did not validate */
        INVALID,
        /** it changes fields only a restart applies */
        NEEDS_RESTART,
        /** an emergency number that reaches a trunk now would not */
        BREAKS_EMERGENCY,
        /** another version is under watch, or there is nothing to confirm or roll back */
        CONFLICT,
        /** no such version */
        NOT_FOUND
    }

    private final Target target;
    private final SqliteConfigVersions versions;
    private final EventSink events;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private Pending pending;
    private ScheduledFuture<?> ticking;
    /** The version in force; 0 while the gateway runs a configuration whose text it was never given. */
    private int active;

    private record Pending(Watch watch, SiteConfig previous, int previousVersion, HealthGates.Snapshot before,
                           HealthGates.Kept kept) {
    }

    /**
     * REGISTERs refused while a version is watched, gathered without this object's lock: the
     * event stream calls {@link #onEvent} on the registrar's thread, which must not wait for a
     * store write here.
     */
    private final java.util.Queue<HealthGates.Refusal> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean watchingNow;

    public ChangeControl(Target target, SqliteConfigVersions versions, EventSink events, InstantSource clock,
                         ScheduledExecutorService timers) {
        this.target = target;
        this.versions = versions;
        this.events = events;
        this.clock = clock;
        this.timers = timers;
        this.active = versions.all().stream().filter(ConfigVersion::inForce).mapToInt(ConfigVersion::version).max().orElse(0);
    }

    /**
     * Records the text the gateway was started with (its file) as the version in force: the
     * stored one when the text is the same, a new version otherwise. A version left under watch
     * by a gateway that stopped is marked rolled back: the file is what runs now.
     */
    public synchronized int adopt(String yaml, String source) {
        String hash = sha256(yaml);
        List<ConfigVersion> all = versions.all();
        for (ConfigVersion v : all) {
            if (v.status().equals(ConfigVersion.WATCHING)) {
                versions.setStatus(v.version(), ConfigVersion.ROLLED_BACK, "the gateway restarted while it was watched");
            }
        }
        Optional<ConfigVersion> same = all.stream().filter(v -> v.status().equals(ConfigVersion.ACTIVE))
                .filter(v -> v.sha256().equals(hash)).findFirst();
        if (same.isPresent()) {
            active = same.get().version();
            return active;
        }
        all.stream().filter(v -> v.status().equals(ConfigVersion.ACTIVE))
                .forEach(v -> versions.setStatus(v.version(), ConfigVersion.SUPERSEDED, "gateway started with " + source));
        active = versions.nextNumber();
        versions.insert(new ConfigVersion(active, clock.instant(), "start", source, hash, yaml, ConfigVersion.ACTIVE, ""));
        return active;
    }

    /**
     * Validates {@code yaml}, stores it as a new version and puts it in force, then watches it.
     *
     * @param confirmWithin when present, {@link #confirm} must come within it or the version is undone
     * @param gates         how long the health gates watch it
     */
    public synchronized Outcome apply(String yaml, String source, String who, Optional<Duration> confirmWithin,
                                      Duration gates) {
        if (pending != null) {
            return new Outcome.Refused(Reason.CONFLICT, "version " + pending.watch().version() + " is still under watch;"
                    + " confirm it (lifeline config confirm) or roll it back first", List.of());
        }
        SiteConfig next;
        try {
            next = SiteConfigLoader.parse(source, yaml);
        } catch (ConfigException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            return new Outcome.Refused(Reason.INVALID, source + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "; nothing was applied", problems);
        }
        SiteConfig current = target.current();
        ConfigDelta delta = ConfigDelta.between(current, next);
        if (!delta.restart().isEmpty()) {
            return new Outcome.Refused(Reason.NEEDS_RESTART, delta.restartMessage()
                    + " (nothing was applied; restart the gateway with the new file to change them)", List.of());
        }
        if (delta.isEmpty()) {
            return new Outcome.Unchanged(active);
        }
        Optional<String> emergency = EmergencyRouteCheck.broken(current, next);
        if (emergency.isPresent()) {
            return new Outcome.Refused(Reason.BREAKS_EMERGENCY, emergency.get() + " (nothing was applied)", List.of());
        }
        Instant now = clock.instant();
        int version = versions.nextNumber();
        String hash = sha256(yaml);
        versions.insert(new ConfigVersion(version, now, who, source, hash, yaml, ConfigVersion.WATCHING, ""));
        if (active > 0) {
            versions.setStatus(active, ConfigVersion.SUPERSEDED, "");
        }
        Watch watch = Watch.start(version, now, gates, confirmWithin);
        pending = new Pending(watch, current, active, target.snapshot(), kept(next));
        int previousVersion = active;
        active = version;
        refused.clear();
        watchingNow = true;
        try {
            target.use(next);
        } catch (RuntimeException e) {
            // Half applied is the worst state: put the previous one back whole.
            undo("applying it failed: " + e);
            return new Outcome.Refused(Reason.CONFLICT, "applying version " + version + " failed (" + e.getMessage()
                    + "); version " + previousVersion + " was put back", List.of());
        }
        events.accept(new Event.ConfigApplied(now, version, who, hash, String.join(", ", delta.hot())));
        long tick = TICK.toMillis();
        ticking = timers.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
        return new Outcome.Applied(version, delta.hot(), watch.gatesUntil(), watch.confirmBy());
    }

    /** The operator keeps the version under watch (it is kept once its gates have passed for their window). */
    public synchronized Outcome confirm(String who) {
        if (pending == null) {
            return new Outcome.Refused(Reason.CONFLICT, "no version is waiting for a confirmation (version " + active
                    + " is in force)", List.of());
        }
        pending = new Pending(pending.watch().confirm(), pending.previous(), pending.previousVersion(), pending.before(),
                pending.kept());
        tick();
        if (pending == null) {
            return new Outcome.Done(active, "version " + active + " confirmed by " + who + " and kept");
        }
        return new Outcome.Done(pending.watch().version(), "version " + pending.watch().version() + " confirmed by "
                + who + "; its health gates watch it until " + pending.watch().gatesUntil());
    }

    /**
     * Undoes the version under watch, or, with none under watch, puts stored {@code version} (by
     * default the one before the version in force) back in force at once.
     */
    public synchronized Outcome rollback(Optional<Integer> version, String who) {
        if (pending != null && (version.isEmpty() || version.get() == pending.previousVersion())) {
            int undone = pending.watch().version();
            undo("rolled back by " + who);
            return new Outcome.Done(active, "version " + undone + " rolled back; version " + active + " is in force");
        }
        if (pending != null) {
            return new Outcome.Refused(Reason.CONFLICT, "version " + pending.watch().version() + " is under watch;"
                    + " roll it back first (lifeline config rollback)", List.of());
        }
        List<ConfigVersion> all = versions.all();
        Optional<ConfigVersion> wanted = version.isPresent()
                ? all.stream().filter(v -> v.version() == version.get()).findFirst()
                : all.stream().filter(v -> v.version() < active && v.status().equals(ConfigVersion.SUPERSEDED))
                        .reduce((a, b) -> b);
        if (wanted.isEmpty()) {
            return new Outcome.Refused(Reason.NOT_FOUND, version.map(v -> "no version " + v + " in the store")
                    .orElse("no earlier version to roll back to (see lifeline config history)"), List.of());
        }
        ConfigVersion to = wanted.get();
        if (to.version() == active) {
            return new Outcome.Unchanged(active);
        }
        SiteConfig next;
        try {
            next = SiteConfigLoader.parse(to.source(), to.yaml());
        } catch (ConfigException e) {
            return new Outcome.Refused(Reason.INVALID, "version " + to.version() + " no longer validates: "
                    + e.problems().getFirst(), e.problems().stream().map(Object::toString).toList());
        }
        ConfigDelta delta = ConfigDelta.between(target.current(), next);
        if (!delta.restart().isEmpty()) {
            return new Outcome.Refused(Reason.NEEDS_RESTART, "version " + to.version() + " " + delta.restartMessage(),
                    List.of());
        }
        int from = active;
        String reason = "rolled back to version " + to.version() + " by " + who;
        versions.setStatus(from, ConfigVersion.ROLLED_BACK, reason);
        versions.setStatus(to.version(), ConfigVersion.ACTIVE, "");
        target.use(next);
        active = to.version();
        events.accept(new Event.ConfigRolledBack(clock.instant(), from, to.version(), reason));
        return new Outcome.Done(active, "version " + from + " rolled back; version " + active + " is in force");
    }

    /** A REGISTER refused while a version is watched: a gate input. Called from the event stream. */
    public void onEvent(Event event) {
        if (watchingNow && event instanceof Event.RegistrationRejected r && refused.size() < MAX_REFUSALS) {
            refused.add(new HealthGates.Refusal(r.aor(), r.status(), r.reason()));
        }
    }

    /** Looks at the gates and the clock now; the timer calls this every {@link #TICK}. */
    public synchronized void tick() {
        if (pending == null) {
            return;
        }
        Optional<String> failure = HealthGates.failure(pending.before(), target.snapshot(), pending.kept(),
                List.copyOf(refused));
        switch (pending.watch().judge(failure, clock.instant())) {
            case Watch.Verdict.Wait w -> { }
            case Watch.Verdict.Keep keep -> {
                int version = pending.watch().version();
                versions.setStatus(version, ConfigVersion.ACTIVE, "");
                finish();
                events.accept(new Event.ConfigConfirmed(clock.instant(), version, keep.by()));
            }
            case Watch.Verdict.Undo undo -> undo(undo.reason());
        }
    }

    public synchronized int activeVersion() {
        return active;
    }

    /** The version under watch, if any. */
    public synchronized Optional<Watch> watching() {
        return Optional.ofNullable(pending).map(Pending::watch);
    }

    public List<ConfigVersion> history() {
        return versions.all();
    }

    /** A unified diff of two stored versions' texts; empty when either is not stored. */
    public Optional<String> diff(int from, int to) {
        Optional<ConfigVersion> a = versions.get(from);
        Optional<ConfigVersion> b = versions.get(to);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        List<String> left = a.get().yaml().lines().toList();
        List<String> right = b.get().yaml().lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff("version " + from, "version " + to, left,
                DiffUtils.diff(left, right), 3);
        return Optional.of(lines.stream().map(l -> l + "\n").collect(Collectors.joining()));
    }

    private void undo(String reason) {
        Pending p = pending;
        int version = p.watch().version();
        versions.setStatus(version, ConfigVersion.ROLLED_BACK, reason);
        if (p.previousVersion() > 0) {
            versions.setStatus(p.previousVersion(), ConfigVersion.ACTIVE, "");
        }
        target.use(p.previous());
        active = p.previousVersion();
        finish();
        events.accept(new Event.ConfigRolledBack(clock.instant(), version, p.previousVersion(), reason));
        log.warn("configuration version {} rolled back: {}", version, reason);
    }

    private void finish() {
        pending = null;
        watchingNow = false;
        refused.clear();
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("change control: looking at the health gates failed: {}", e.toString());
        }
    }

    private static HealthGates.Kept kept(SiteConfig next) {
        return new HealthGates.Kept(next.trunks().stream().map(Trunk::name).collect(Collectors.toSet()),
                next.paths().stream().map(WanPath::name).collect(Collectors.toSet()),
                next.extensions().stream().map(Extension::number).collect(Collectors.toSet()));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
