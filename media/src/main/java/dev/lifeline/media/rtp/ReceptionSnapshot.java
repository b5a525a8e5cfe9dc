package dev.lifeline.media.rtp;

/**
 * Cumulative reception of one source at a moment, for events, metrics and the E-model.
 *
 * @param expected       packets expected since the source was validated (A.3)
 * @param received       packets counted as received, duplicates included as RFC 3550 counts them
 * @param duplicates     packets received more than once
 * @param late           packets that arrived after a higher sequence number (reordered)
 * @param cumulativeLost expected minus received, as an RR reports it (can be negative)
 * @param lossFraction   share of expected packets never received, duplicates not hiding loss
 * @param burstRatio     G.113 Appendix I burst ratio of the loss pattern
 * @param jitterMillis   interarrival jitter in milliseconds
 */
public record ReceptionSnapshot(long expected, long received, long duplicates, long late, long cumulativeLost,
                                double lossFraction, double burstRatio, double jitterMillis) {
}
