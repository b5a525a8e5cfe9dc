package dev.lifeline.drill.lab.phone;

import dev.lifeline.media.jitter.JitterBufferConfig;
import dev.lifeline.media.quality.CodecImpairment;
import dev.lifeline.sip.transaction.TimerConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One lab phone, validated once.
 *
 * @param extension       the user part of the phone's AOR and its digest username
 * @param password        the digest password (never logged)
 * @param bindHost        loopback address the phone's SIP and RTP sockets bind to (port 0)
 * @param domain          the domain of the AOR (sip:extension@domain)
 * @param registrar       where REGISTER goes; empty for a phone that never registers
 * @param registerExpires the expiry asked for in REGISTER
 * @param refreshFraction share of the granted expiry after which the phone re-registers
 * @param retryDelay      wait before retrying a failed REGISTER, randomised to 50–100 %
 * @param ringDelay       how long an incoming call rings before it is answered
 * @param autoAnswer      answer incoming calls (else ring until cancelled)
 * @param codec           the E-model impairment of the phone's G.711 (with or without PLC)
 * @param jitter          the phone's jitter buffer
 * @param sipTimers       T1, T2, T4 of the phone's SIP stack
 * @param seed            seeds the test signal, SSRC, tags and retry jitter: one seed, one phone
 */
public record PhoneSettings(String extension, String password, String bindHost, String domain,
                            Optional<InetSocketAddress> registrar, Duration registerExpires, double refreshFraction,
                            Duration retryDelay, Duration ringDelay, boolean autoAnswer, CodecImpairment codec,
                            JitterBufferConfig jitter, TimerConfig sipTimers, long seed) {

    public PhoneSettings {
        requireText(extension, "extension");
        Objects.requireNonNull(password, "password");
        requireText(bindHost, "bindHost");
        requireText(domain, "domain");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(sipTimers, "sipTimers");
        if (registerExpires == null || registerExpires.toSeconds() < 1) {
            throw new IllegalArgumentException("registerExpires must be at least 1 s, was " + registerExpires);
        }
        if (!(refreshFraction > 0 && refreshFraction < 1)) {
            throw new IllegalArgumentException("refreshFraction must be in (0, 1), was " + refreshFraction);
        }
        if (retryDelay == null || retryDelay.isNegative() || retryDelay.isZero()) {
            throw new IllegalArgumentException("retryDelay must be positive, was " + retryDelay);
        }
        if (ringDelay == null || ringDelay.isNegative()) {
            throw new IllegalArgumentException("ringDelay must not be negative, was " + ringDelay);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("phone " + name + " is empty");
        }
    }

    /**
     * A phone on {@code bindHost} with defaults: domain "lab.lifeline", no registrar, 300 s
     * expiry refreshed at 80 %, retry after 5 s, answer after 500 ms, G.711 with PLC, the default
     * jitter buffer, RFC 3261 timers, seed from the extension.
     */
    public static PhoneSettings of(String extension, String password, String bindHost) {
        return new PhoneSettings(extension, password, bindHost, "lab.lifeline", Optional.empty(),
                Duration.ofSeconds(300), 0.8, Duration.ofSeconds(5), Duration.ofMillis(500), true,
                CodecImpairment.G711_PLC, JitterBufferConfig.G711_20MS, TimerConfig.DEFAULT, extension.hashCode());
    }

    public PhoneSettings withRegistrar(InetSocketAddress address, String registrarDomain) {
        return new PhoneSettings(extension, password, bindHost, registrarDomain, Optional.of(address), registerExpires,
                refreshFraction, retryDelay, ringDelay, autoAnswer, codec, jitter, sipTimers, seed);
    }

    public PhoneSettings withAccount(String newExtension, String newPassword) {
        return new PhoneSettings(newExtension, newPassword, bindHost, domain, registrar, registerExpires,
                refreshFraction, retryDelay, ringDelay, autoAnswer, codec, jitter, sipTimers, newExtension.hashCode());
    }

    public PhoneSettings withBindHost(String host) {
        return new PhoneSettings(extension, password, host, domain, registrar, registerExpires, refreshFraction,
                retryDelay, ringDelay, autoAnswer, codec, jitter, sipTimers, seed);
    }

    public PhoneSettings withRegistration(Duration expires, double refresh, Duration retry) {
        return new PhoneSettings(extension, password, bindHost, domain, registrar, expires, refresh, retry, ringDelay,
                autoAnswer, codec, jitter, sipTimers, seed);
    }

    public PhoneSettings withAnswering(boolean answer, Duration ring) {
        return new PhoneSettings(extension, password, bindHost, domain, registrar, registerExpires, refreshFraction,
                retryDelay, ring, answer, codec, jitter, sipTimers, seed);
    }

    public PhoneSettings withMedia(CodecImpairment newCodec, JitterBufferConfig newJitter) {
        return new PhoneSettings(extension, password, bindHost, domain, registrar, registerExpires, refreshFraction,
                retryDelay, ringDelay, autoAnswer, newCodec, newJitter, sipTimers, seed);
    }

    public PhoneSettings withSipTimers(TimerConfig timers) {
        return new PhoneSettings(extension, password, bindHost, domain, registrar, registerExpires, refreshFraction,
                retryDelay, ringDelay, autoAnswer, codec, jitter, timers, seed);
    }

    public PhoneSettings withSeed(long newSeed) {
        return new PhoneSettings(extension, password, bindHost, domain, registrar, registerExpires, refreshFraction,
                retryDelay, ringDelay, autoAnswer, codec, jitter, sipTimers, newSeed);
    }

    /** Without the password, so that settings can be logged. */
    @Override
    public String toString() {
        return "PhoneSettings[" + extension + "@" + domain + " on " + bindHost + ", registrar "
                + registrar.map(InetSocketAddress::toString).orElse("none") + "]";
    }
}
