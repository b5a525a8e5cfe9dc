package dev.lifeline.gateway.config;

/** How a calling number is presented. */
public enum NumberFormat {
    /** +, country code, number: what providers expect on the way out. */
    E164("e164"),
    /** The site's national form (national prefix, national number): what users expect to see. */
    NATIONAL("national"),
    /** Unchanged. */
    AS_IS("as-is");

    private final String configName;

    NumberFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
