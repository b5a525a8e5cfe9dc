package dev.lifeline.gateway.config;

import dev.lifeline.gateway.admission.AdmissionSettings;
import dev.lifeline.sip.transaction.TimerConfig;
import dev.lifeline.sip.transport.ConnectionLimits;
import java.util.Objects;

/**
 * SIP signalling settings.
 *
 * @param dscp the code point on SIP packets, CS3 (24) by default
 * @param timers T1, T2, T4 (RFC 3261 defaults 500 ms, 4 s, 5 s)
 * @param targetTimeout how long an INVITE to a provider target may go without any response
 *                      before the provider's next target is tried (RFC 3263 §4.3); 4 s by
 *                      default (a shorter Timer B wins), at most 64*T1 when given (Timer B,
 *                      which the last target keeps)
 * @param admission what the gateway takes on when loaded: the wait it regards as its limit,
 *                  per-source rates for requests without credentials (see
 *                  {@link dev.lifeline.gateway.admission.AdmissionPolicy})
 * @param tcp the caps on TCP/TLS connections peers open to the gateway, in all and from one
 *            address, and how long one message on them may take from its first byte to its last
 *            ({@code tcpMaxConnections}, {@code tcpMaxPerSource}, {@code tcpMessageTimeout})
 */
public record SignallingSettings(int dscp, TimerConfig timers, java.time.Duration targetTimeout,
                                 AdmissionSettings admission, ConnectionLimits tcp) {

    /** How long a provider target may leave an INVITE without any answer when another can be tried. */
    public static final java.time.Duration DEFAULT_TARGET_TIMEOUT = java.time.Duration.ofSeconds(4);

    public static final SignallingSettings DEFAULT = new SignallingSettings(24, TimerConfig.DEFAULT);

    public SignallingSettings {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(targetTimeout, "targetTimeout");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(tcp, "tcp");
        if (targetTimeout.isNegative() || targetTimeout.isZero()) {
            throw new IllegalArgumentException("signalling.targetTimeout must be positive, was " + targetTimeout);
        }
    }

    public SignallingSettings(int dscp, TimerConfig timers) {
        this(dscp, timers, DEFAULT_TARGET_TIMEOUT);
    }

    /** With the default admission settings and TCP/TLS connection limits. */
    public SignallingSettings(int dscp, TimerConfig timers, java.time.Duration targetTimeout) {
        this(dscp, timers, targetTimeout, AdmissionSettings.DEFAULT);
    }

    /** With the default TCP/TLS connection limits. */
    public SignallingSettings(int dscp, TimerConfig timers, java.time.Duration targetTimeout,
                              AdmissionSettings admission) {
        this(dscp, timers, targetTimeout, admission, ConnectionLimits.DEFAULT);
    }

    public SignallingSettings withAdmission(AdmissionSettings value) {
        return new SignallingSettings(dscp, timers, targetTimeout, value, tcp);
    }

    public SignallingSettings withTcp(ConnectionLimits value) {
        return new SignallingSettings(dscp, timers, targetTimeout, admission, value);
    }
}
