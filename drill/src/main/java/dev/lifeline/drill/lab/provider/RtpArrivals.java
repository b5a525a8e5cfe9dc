package dev.lifeline.drill.lab.provider;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What arrived on a call's RTP socket so far, folded packet by packet by the pure
 * {@link #arrived}: counts, first and last arrival, and every gap at least the threshold long,
 * which is how a drill measures the audio interruption of a path failover upstream.
 *
 * @param gaps the first {@link #MAX_GAPS} gaps, oldest first
 */
public record RtpArrivals(long packets, long bytes, Optional<Instant> first, Optional<Instant> last,
                          Duration longestGap, List<RtpGap> gaps, Optional<InetSocketAddress> lastSource) {

    /** Bounds memory on a pathological stream; a drill's call has a handful of gaps. */
    public static final int MAX_GAPS = 1000;

    public static final RtpArrivals NONE = new RtpArrivals(0, 0, Optional.empty(), Optional.empty(), Duration.ZERO,
            List.of(), Optional.empty());

    public RtpArrivals {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(longestGap, "longestGap");
        Objects.requireNonNull(lastSource, "lastSource");
        gaps = List.copyOf(gaps);
    }

    /** This record after one more packet of {@code length} bytes from {@code source} at {@code at}. */
    public RtpArrivals arrived(Instant at, int length, InetSocketAddress source, Duration gapThreshold) {
        Duration gap = last.map(previous -> Duration.between(previous, at)).orElse(Duration.ZERO);
        List<RtpGap> nextGaps = gaps;
        if (last.isPresent() && gap.compareTo(gapThreshold) >= 0 && gaps.size() < MAX_GAPS) {
            List<RtpGap> grown = new ArrayList<>(gaps);
            grown.add(new RtpGap(last.get(), at));
            nextGaps = grown;
        }
        return new RtpArrivals(packets + 1, bytes + length, first.or(() -> Optional.of(at)), Optional.of(at),
                gap.compareTo(longestGap) > 0 ? gap : longestGap, nextGaps, Optional.of(source));
    }

    /** How long nothing has arrived at {@code now}: since the last packet, or since {@code start} if none came. */
    public Duration silenceAt(Instant now, Instant start) {
        return Duration.between(last.orElse(start), now);
    }
}
