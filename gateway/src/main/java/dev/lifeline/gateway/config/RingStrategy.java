package dev.lifeline.gateway.config;

/** How a group offers a call to its members. */
public enum RingStrategy {
    /** Every member at once; the first to answer takes the call. */
    RING_ALL("ring-all"),
    /** One member after another, each for the ring timeout, in the order listed. */
    SEQUENTIAL("sequential");

    private final String configName;

    RingStrategy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
