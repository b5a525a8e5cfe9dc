package dev.lifeline.gateway.trunk;

import java.time.Duration;
import java.util.Objects;

/** What {@link TrunkRegistration} asks its shell to do. */
public sealed interface TrunkAction {

    /** Send a REGISTER asking for {@code expires}; report its end as {@link TrunkInput.RegisterResult}. */
    record SendRegister(int attempt, Duration expires) implements TrunkAction {
        public SendRegister {
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** Send a REGISTER with Expires: 0 for our Contact(s). */
    record SendUnregister(int attempt) implements TrunkAction {
    }

    /** Send an OPTIONS to the provider; report its end as {@link TrunkInput.ProbeResult}. */
    record SendProbe(int probe) implements TrunkAction {
    }

    /** The reported state changed: tell the listener. */
    record Publish(TrunkState state) implements TrunkAction {
        public Publish {
            Objects.requireNonNull(state, "state");
        }
    }
}
