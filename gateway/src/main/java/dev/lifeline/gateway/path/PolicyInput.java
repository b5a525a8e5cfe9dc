package dev.lifeline.gateway.path;

import java.time.Duration;
import java.util.Objects;

/** What the failover policy is told: probe results per path, and the passing of time. */
public sealed interface PolicyInput {

    /** An echo of a quality probe came back on {@code path}. */
    record ProbeHeard(String path) implements PolicyInput {
        public ProbeHeard {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A window summary of {@code path}'s quality probe stream (one a second). */
    record QualityMeasured(String path, QualitySummary summary) implements PolicyInput {
        public QualityMeasured {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** An OPTIONS probe sent over {@code path} was answered (any final response counts as alive except the failures the prober reports). */
    record OptionsAnswered(String path) implements PolicyInput {
        public OptionsAnswered {
            Objects.requireNonNull(path, "path");
        }
    }

    /** An OPTIONS probe over {@code path} failed; {@code reason} e.g. "timeout after 1 s", "503 Service Unavailable". */
    record OptionsFailed(String path, String reason) implements PolicyInput {
        public OptionsFailed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An OPTIONS probe over {@code path} is still unanswered after {@code after} (its outcome is still to come). */
    record OptionsLate(String path, java.time.Duration after) implements PolicyInput {
        public OptionsLate {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(after, "after");
        }
    }

    /** Something beside OPTIONS answered over {@code path} ({@code what}, e.g. "a STUN Binding was answered"). */
    record ReachabilityConfirmed(String path, String what) implements PolicyInput {
        public ReachabilityConfirmed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(what, "what");
        }
    }

    /** What the media of the live calls on {@code path} shows now (sampled every tick on the active path). */
    record MediaSampled(String path, MediaSample sample) implements PolicyInput {
        public MediaSampled {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sample, "sample");
        }
    }

    /**
     * Time passed: silence and hold-down timers are checked (the manager ticks every 50 ms).
     *
     * @param stalled how much later than due this tick ran: the gateway itself was not looking
     *                (its CPU saturated by a storm, a GC pause), so echoes may be waiting unread
     *                in its own socket buffers. Silence during a stall is not held against a
     *                path: the network did not fall silent, the gateway stopped listening.
     */
    record Tick(Duration stalled) implements PolicyInput {
        public Tick {
            Objects.requireNonNull(stalled, "stalled");
            if (stalled.isNegative()) {
                throw new IllegalArgumentException("stalled must not be negative: " + stalled);
            }
        }

        /** A tick on time. */
        public Tick() {
            this(Duration.ZERO);
        }
    }
}
