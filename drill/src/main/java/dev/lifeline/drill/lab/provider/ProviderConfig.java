package dev.lifeline.drill.lab.provider;

import dev.lifeline.sip.transaction.TimerConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How the lab provider is set up, validated once.
 *
 * @param domain           the provider's SIP domain and digest realm, e.g. "provider.test"
 * @param trunkUser        the site trunk's digest user name
 * @param trunkPassword    its password
 * @param nonceSecret      HMAC key of the digest nonces (16 bytes or more)
 * @param targets          the provider's nodes, names distinct
 * @param timers           SIP timers of every target's stack
 * @param mediaMode        what calls send unless a call says otherwise
 * @param addressing       where calls send their RTP
 * @param challengeInvites whether INVITEs from the site must carry credentials (407 first)
 * @param maxExpires       the longest registration granted, in seconds
 * @param gapThreshold     an RTP arrival gap at least this long is recorded as a gap
 */
public record ProviderConfig(String domain, String trunkUser, String trunkPassword, byte[] nonceSecret,
                             List<TargetSpec> targets, TimerConfig timers, MediaMode mediaMode,
                             MediaAddressing addressing, boolean challengeInvites, int maxExpires,
                             Duration gapThreshold) {

    public ProviderConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(trunkUser, "trunkUser");
        Objects.requireNonNull(trunkPassword, "trunkPassword");
        Objects.requireNonNull(nonceSecret, "nonceSecret");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(mediaMode, "mediaMode");
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(gapThreshold, "gapThreshold");
        targets = List.copyOf(targets);
        nonceSecret = nonceSecret.clone();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the lab provider needs at least one target");
        }
        if (new HashSet<>(targets.stream().map(TargetSpec::name).toList()).size() != targets.size()) {
            throw new IllegalArgumentException("provider target names must be distinct, got "
                    + targets.stream().map(TargetSpec::name).toList());
        }
        if (nonceSecret.length < 16) {
            throw new IllegalArgumentException("nonceSecret must be at least 16 bytes, got " + nonceSecret.length);
        }
        if (maxExpires < 1) {
            throw new IllegalArgumentException("maxExpires must be positive, got " + maxExpires);
        }
        if (gapThreshold.isNegative() || gapThreshold.isZero()) {
            throw new IllegalArgumentException("gapThreshold must be positive, got " + gapThreshold);
        }
    }

    /** RFC 3261 timers, echo media, symmetric RTP, no INVITE challenge, 3600 s, gaps from 100 ms, a random nonce key. */
    public static ProviderConfig of(String domain, String trunkUser, String trunkPassword, List<TargetSpec> targets) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ProviderConfig(domain, trunkUser, trunkPassword, secret, targets, TimerConfig.DEFAULT, MediaMode.ECHO,
                MediaAddressing.SYMMETRIC, false, 3600, Duration.ofMillis(100));
    }

    public ProviderConfig withTimers(TimerConfig value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, value, mediaMode, addressing,
                challengeInvites, maxExpires, gapThreshold);
    }

    public ProviderConfig withMediaMode(MediaMode value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, timers, value, addressing,
                challengeInvites, maxExpires, gapThreshold);
    }

    public ProviderConfig withAddressing(MediaAddressing value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, timers, mediaMode, value,
                challengeInvites, maxExpires, gapThreshold);
    }

    public ProviderConfig withChallengeInvites(boolean value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, timers, mediaMode, addressing,
                value, maxExpires, gapThreshold);
    }

    public ProviderConfig withMaxExpires(int value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, timers, mediaMode, addressing,
                challengeInvites, value, gapThreshold);
    }

    public ProviderConfig withGapThreshold(Duration value) {
        return new ProviderConfig(domain, trunkUser, trunkPassword, nonceSecret, targets, timers, mediaMode, addressing,
                challengeInvites, maxExpires, value);
    }

    @Override
    public byte[] nonceSecret() {
        return nonceSecret.clone();
    }

    @Override
    public String toString() {
        return "ProviderConfig[domain=" + domain + ", trunkUser=" + trunkUser + ", trunkPassword=***, nonceSecret=***, targets="
                + targets.stream().map(TargetSpec::name).toList() + ", mediaMode=" + mediaMode + ", addressing=" + addressing
                + ", challengeInvites=" + challengeInvites + ", maxExpires=" + maxExpires + "]";
    }
}
