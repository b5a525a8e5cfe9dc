package dev.lifeline.gateway.config;

import java.util.Objects;

/**
 * A secret from the configuration (trunk password, admin token). It prints as {@code ***}
 * so that a record holding it can be logged or shown in a report without leaking it.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "***";
    }
}
