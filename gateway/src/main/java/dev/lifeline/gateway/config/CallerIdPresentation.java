package dev.lifeline.gateway.config;

import java.util.Objects;

/**
 * Caller-ID rewriting on one trunk, using the site's country code and national prefix.
 *
 * @param outbound the form the provider is sent, usually {@link NumberFormat#E164}
 * @param inbound the form phones display for calls from the trunk, usually {@link NumberFormat#NATIONAL}
 */
public record CallerIdPresentation(NumberFormat outbound, NumberFormat inbound) {

    public static final CallerIdPresentation DEFAULT = new CallerIdPresentation(NumberFormat.E164, NumberFormat.NATIONAL);

    public CallerIdPresentation {
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(inbound, "inbound");
    }
}
