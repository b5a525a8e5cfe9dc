package dev.lifeline.gateway.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One outbound dial-plan rule: a dialled number that matches {@code match} (whole number)
 * loses its first {@code strip} digits, gains {@code prefix}, and goes to the first
 * reachable of {@code trunks}.
 */
public record OutboundRule(Pattern match, List<String> trunks, int strip, String prefix) {

    public OutboundRule {
        Objects.requireNonNull(match, "match");
        trunks = List.copyOf(trunks);
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The number to send, or the input unchanged when it is shorter than {@code strip}. */
    public String rewrite(String dialled) {
        return dialled.length() < strip ? dialled : prefix + dialled.substring(strip);
    }
}
