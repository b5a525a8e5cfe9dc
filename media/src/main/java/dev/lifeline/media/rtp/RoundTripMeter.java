package dev.lifeline.media.rtp;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Measures round-trip time from the report blocks a peer sends back about our stream (RFC 3550
 * §6.4.1). The arrival time A comes from the injected clock at the moment a block is handed
 * over, so callers feed blocks as soon as they are decoded.
 */
public final class RoundTripMeter {

    private final InstantSource clock;
    private Duration last;

    public RoundTripMeter(InstantSource clock) {
        this.clock = clock;
    }

    /** RTT from a block that just arrived; empty when it carries no LSR. */
    public Optional<Duration> onReportBlock(ReportBlock block) {
        Optional<Duration> rtt = NtpTime.roundTrip(NtpTime.shortFromInstant(clock.instant()),
                block.lastSenderReport(), block.delaySinceLastSenderReport());
        rtt.ifPresent(d -> last = d);
        return rtt;
    }

    /** The most recent measurement, if any. */
    public Optional<Duration> last() {
        return Optional.ofNullable(last);
    }
}
