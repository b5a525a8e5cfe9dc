package dev.lifeline.gateway.path;

import dev.lifeline.gateway.events.Event;
import java.util.Objects;
import java.util.Optional;

/** What the failover policy asks the gateway to do. */
public sealed interface PolicyAction {

    /** Publish an event ({@link Event.PathStateChanged}, {@link Event.ActivePathChanged}, {@link Event.SurvivalModeChanged}). */
    record Publish(Event event) implements PolicyAction {
        public Publish {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Move trunk signalling and provider media from one path to another; empty {@code from}:
     * none was active (start, or leaving survival mode); empty {@code to}: none is left.
     */
    record SwitchActive(Optional<String> from, Optional<String> to, String reason) implements PolicyAction {
        public SwitchActive {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Confirm a suspect path at once: probe it rapidly (OPTIONS every {@code confirmInterval}) for
     * {@code confirmWindow}. Any answer ends the suspicion; none takes the path down.
     */
    record Confirm(String path, String reason) implements PolicyAction {
        public Confirm {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
