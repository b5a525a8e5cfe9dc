package dev.lifeline.gateway.config;

import dev.lifeline.sip.transaction.TimerConfig;
import java.util.Objects;

/**
 * SIP signalling settings.
 *
 * @param dscp the code point on SIP packets, CS3 (24) by default
 * @param timers T1, T2, T4 (RFC 3261 defaults 500 ms, 4 s, 5 s)
 */
public record SignallingSettings(int dscp, TimerConfig timers) {

    public static final SignallingSettings DEFAULT = new SignallingSettings(24, TimerConfig.DEFAULT);

    public SignallingSettings {
        Objects.requireNonNull(timers, "timers");
    }
}
