package dev.lifeline.gateway.tls;

import dev.lifeline.gateway.events.Event;
import dev.lifeline.sip.transport.TlsHandshakeFailure;
import dev.lifeline.sip.transport.TlsReload;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the gateway's own certificates and every provider TLS target on every path at start
 * and then every {@code interval} (an hour by default), emitting one
 * {@link Event.CertificateChecked} per certificate and keeping the latest verdicts for status
 * ({@link #snapshot}). DESIGN F6: warnings come weeks before an expiry, not at the outage.
 *
 * <p>Targets come from a supplier asked at every round, because the provider's targets follow
 * DNS (RFC 3263) and the paths that are up. The checks block (a handshake each, bounded by the
 * check's timeout), so give the watch a scheduler of its own, not the SIP timers' thread. Call
 * {@link #checkNow} after a certificate file changed (e.g. from the transport's reload listener).
 */
public final class CertificateWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CertificateWatch.class);

    /** The least time between two rounds that handshake failures ask for. */
    public static final Duration FAILURE_RECHECK_GAP = Duration.ofSeconds(30);

    /** How often a round runs unless configured otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private final Supplier<List<ProviderTarget>> providers;
    private final List<OwnCertificate> own;
    private final ProviderCertificateCheck check;
    private final Consumer<Event> events;
    private final ScheduledExecutorService scheduler;
    private final InstantSource clock;
    private final Duration interval;
    private final Object roundLock = new Object();
    private volatile List<CertificateStatus> latest = List.of();
    private ScheduledFuture<?> rounds;
    private Instant lastFailureRound;

    /**
     * @param providers the (trunk target, path) pairs to check, asked each round
     * @param own       the gateway's own certificates, e.g. one per TLS listener
     * @param events    receives a {@link Event.CertificateChecked} per certificate per round
     * @param scheduler runs the rounds; owned by the caller
     */
    public CertificateWatch(Supplier<List<ProviderTarget>> providers, List<OwnCertificate> own,
                            ProviderCertificateCheck check, Consumer<Event> events,
                            ScheduledExecutorService scheduler, InstantSource clock, Duration interval) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.own = List.copyOf(own);
        this.check = Objects.requireNonNull(check, "check");
        this.events = Objects.requireNonNull(events, "events");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("certificate check interval must be positive, got " + interval);
        }
    }

    /** Runs a round now (on the scheduler) and then every interval. */
    public synchronized void start() {
        if (rounds != null) {
            return;
        }
        long nanos = interval.toNanos();
        rounds = scheduler.scheduleAtFixedRate(this::scheduledRound, 0, nanos, TimeUnit.NANOSECONDS);
    }

    /** Checks everything now on the calling thread, emits the events and returns the verdicts. */
    public List<CertificateStatus> checkNow() {
        synchronized (roundLock) { // one round at a time: a manual check does not interleave with a scheduled one
            List<CertificateStatus> round = new ArrayList<>();
            for (OwnCertificate certificate : own) {
                round.add(record(certificate.subject(), () -> check.checkOwn(certificate.files(), clock.instant())));
            }
            for (ProviderTarget target : targets()) {
                round.add(record(target.subject(), () -> check.check(target, clock.instant())));
            }
            latest = List.copyOf(round);
            return latest;
        }
    }

    /**
     * Hook for {@code transport.tls().onReload(watch::onTlsReload)}: files on disk changed, so a
     * round runs soon on the scheduler; files the transport refused are reported at once as an
     * invalid {@link Event.CertificateChecked} (subject "TLS files of MATERIAL") with its reason,
     * while the transport keeps serving the previous certificate.
     */
    public void onTlsReload(TlsReload reload) {
        if (!reload.applied()) {
            events.accept(new Event.CertificateChecked(clock.instant(), "TLS files of " + reload.material(),
                    Severity.INVALID.label(), null, reload.detail()));
        }
        scheduler.execute(this::scheduledRound);
    }

    /**
     * Hook for {@code transport.tls().onHandshakeFailure(watch::onHandshakeFailure)}: a handshake
     * to a peer failed, perhaps because its certificate expired or its issuer changed, so a round
     * runs now (on the scheduler) rather than at the next scheduled one, and the event names the
     * certificate within seconds of the first failure. At most one such round per
     * {@link #FAILURE_RECHECK_GAP}: a peer that stays broken fails every retry.
     */
    public void onHandshakeFailure(TlsHandshakeFailure failure) {
        Instant now = clock.instant();
        synchronized (this) {
            if (lastFailureRound != null && now.isBefore(lastFailureRound.plus(FAILURE_RECHECK_GAP))) {
                return;
            }
            lastFailureRound = now;
        }
        log.info("TLS handshake with {} failed ({}): checking certificates now", failure.remote(), failure.detail());
        scheduler.execute(this::scheduledRound);
    }

    /** The verdicts of the last round, own certificates first, then providers in supplier order. */
    public List<CertificateStatus> snapshot() {
        return latest;
    }

    @Override
    public synchronized void close() {
        if (rounds != null) {
            rounds.cancel(false);
            rounds = null;
        }
    }

    private void scheduledRound() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            // a throwing periodic task is never run again; the next round must still happen
            log.warn("certificate check round failed: {}", e.toString());
        }
    }

    private List<ProviderTarget> targets() {
        try {
            return List.copyOf(providers.get());
        } catch (RuntimeException e) {
            log.warn("cannot list provider TLS targets to check: {}", e.toString());
            return List.of();
        }
    }

    private CertificateStatus record(String subject, Supplier<CertificateVerdict> judge) {
        CertificateVerdict verdict;
        try {
            verdict = judge.get();
        } catch (RuntimeException e) {
            verdict = CertificateVerdict.unseen("check failed: " + e);
        }
        Instant at = clock.instant();
        events.accept(new Event.CertificateChecked(at, subject, verdict.severity().label(),
                verdict.notAfter().orElse(null), verdict.reason()));
        if (verdict.severity() != Severity.OK) {
            log.warn("certificate {}: {} ({})", subject, verdict.severity().label(), verdict.reason());
        }
        return new CertificateStatus(subject, verdict, at);
    }
}
