package dev.lifeline.media.relay;

import java.time.Instant;
import java.util.Optional;

/**
 * When the relay passed the last few SRs on toward a leg, keyed by the LSR value the endpoint
 * will echo (RFC 3550 §6.4.1). The endpoint's report block then gives the round trip between
 * the relay and that endpoint in the relay's own clock: arrival − forwarded − DLSR. Using the
 * SR sender's NTP time instead would mix two clocks and the far segment's delay.
 */
final class SenderReportLog {

    private static final int SIZE = 8;
    private final long[] lsr = new long[SIZE];
    private final Instant[] forwarded = new Instant[SIZE];
    private int next;

    void record(long lsrValue, Instant at) {
        lsr[next] = lsrValue;
        forwarded[next] = at;
        next = (next + 1) % SIZE;
    }

    Optional<Instant> forwardedAt(long lsrValue) {
        for (int i = 0; i < SIZE; i++) {
            if (forwarded[i] != null && lsr[i] == lsrValue) {
                return Optional.of(forwarded[i]);
            }
        }
        return Optional.empty();
    }
}
