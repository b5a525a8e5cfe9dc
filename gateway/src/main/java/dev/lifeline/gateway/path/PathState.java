package dev.lifeline.gateway.path;

/** A path's health as the failover policy sees it. */
public enum PathState {
    /** Healthy (or presumed so at start); may carry traffic. */
    UP("up"),
    /** Failed a check; carries no traffic. */
    DOWN("down"),
    /** Healthy again but still inside its hold-down; carries traffic only while no path is up. */
    RECOVERING("recovering");

    private final String wire;

    PathState(String wire) {
        this.wire = wire;
    }

    /** The name events and {@code lifeline status} use. */
    public String wire() {
        return wire;
    }
}
