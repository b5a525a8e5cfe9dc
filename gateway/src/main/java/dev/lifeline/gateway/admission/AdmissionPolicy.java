package dev.lifeline.gateway.admission;

import dev.lifeline.sip.stack.AdmissionControl.Load;
import dev.lifeline.sip.transaction.Admission;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Load shedding by priority, a pure function: {@code (priority, load, random) -> admission}.
 *
 * <p>Pressure is the larger of the oldest inbound request's wait over {@code targetWait} and
 * the server transactions in progress over {@code inProgress}: 1.0 means "at the limit". Each
 * class has a band of pressure over which the share of its requests refused rises linearly
 * from 0 to its ceiling:
 *
 * <pre>
 *   class                       band        ceiling
 *   other (OPTIONS...)          0.5 - 1.5   100 %
 *   new REGISTER                1.0 - 3.0    90 %
 *   REGISTER with credentials   1.5 - 4.0    90 %
 *   new call                    2.0 - 6.0    90 %
 *   in dialog                   4.0 - 10     50 %
 *   emergency                   never
 * </pre>
 *
 * So a class is shed a fraction at a time as load grows, never all at once, and only after
 * every class below it has started shedding. The ceilings below 100 % keep some of each
 * class flowing even at extreme load: a storm of REGISTERs is slowed, never stopped, and
 * calls in progress can still be ended. Refused requests get 503 with a Retry-After drawn
 * uniformly from the configured range, so refused phones come back spread out.
 */
public final class AdmissionPolicy {

    record Band(double from, double to, double ceiling) {

        double refusedShare(double pressure) {
            if (pressure <= from) {
                return 0;
            }
            if (pressure >= to) {
                return ceiling;
            }
            return ceiling * (pressure - from) / (to - from);
        }
    }

    private static final Map<Priority, Band> BANDS = new EnumMap<>(Map.of(
            Priority.OTHER, new Band(0.5, 1.5, 1.0),
            Priority.NEW_REGISTER, new Band(1.0, 3.0, 0.9),
            Priority.REGISTER_WITH_CREDENTIALS, new Band(1.5, 4.0, 0.9),
            Priority.NEW_CALL, new Band(2.0, 6.0, 0.9),
            Priority.IN_DIALOG, new Band(4.0, 10.0, 0.5)));

    private final AdmissionSettings settings;

    public AdmissionPolicy(AdmissionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** 1.0 at the configured limit, by whichever of wait and work in progress is further along. */
    public double pressure(Load load) {
        double wait = (double) load.oldestWait().toNanos() / settings.targetWait().toNanos();
        double work = (double) load.inProgress() / settings.inProgress();
        return Math.max(wait, work);
    }

    /** The share of {@code priority}'s requests refused at {@code load}. */
    public double refusedShare(Priority priority, Load load) {
        Band band = BANDS.get(priority);
        return band == null ? 0 : band.refusedShare(pressure(load));
    }

    public Admission decide(Priority priority, Load load, RandomGenerator random) {
        double share = refusedShare(priority, load);
        if (share <= 0 || random.nextDouble() >= share) {
            return Admission.ADMIT;
        }
        int retryAfter = settings.retryAfterMin()
                + random.nextInt(settings.retryAfterMax() - settings.retryAfterMin() + 1);
        return new Admission.Refuse(retryAfter, priority.label() + " shed at pressure "
                + String.format(java.util.Locale.ROOT, "%.2f", pressure(load)));
    }
}
