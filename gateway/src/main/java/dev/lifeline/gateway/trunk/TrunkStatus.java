package dev.lifeline.gateway.trunk;

/**
 * Where a trunk stands with its provider. A registering trunk moves through the first five; a
 * trunk configured with {@code register: no} is only probed with OPTIONS and is either
 * {@link #AVAILABLE} or {@link #UNAVAILABLE} (or {@link #DISABLED} once stopped).
 */
public enum TrunkStatus {
    /** No binding at the provider and nothing sent yet, or the shutdown unregister is under way. */
    UNREGISTERED,
    /** The first REGISTER, or a fresh one asked for with {@code reregisterNow}, is in flight. */
    REGISTERING,
    /** The provider holds our binding; a refresh is scheduled before it expires. */
    REGISTERED,
    /** The last REGISTER (or the keepalive) failed; the reason says why and a retry is scheduled. */
    FAILING,
    /** Stopped: unregistered on shutdown and not trying any more. */
    DISABLED,
    /** Probe-only trunk: the provider answers OPTIONS. */
    AVAILABLE,
    /** Probe-only trunk: the provider has not answered OPTIONS (yet, or any more). */
    UNAVAILABLE
}
