package dev.lifeline.gateway.config;

import java.util.Objects;

/**
 * An inbound number from the provider and where its calls go.
 *
 * @param number E.164, e.g. +15550100
 * @param target an extension or group number
 */
public record Did(String number, String target) {

    public Did {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(target, "target");
    }
}
