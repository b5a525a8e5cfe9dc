package dev.lifeline.drill.lab.wan;

/**
 * What one direction of a link remembers between packets: the Gilbert-Elliott state, the latest
 * delivery time handed out (so that packets keep their order) and when the rate limiter's
 * transmitter is free again (its backlog). Times are in {@link System#nanoTime()}-style nanos.
 *
 * @param burstBad       the Gilbert-Elliott chain is in its bad state
 * @param lastDeliverAt  the latest delivery time handed out, or {@link Long#MIN_VALUE}
 * @param queueFreeAt    when the bottleneck finishes sending its backlog, or {@link Long#MIN_VALUE}
 */
public record LinkState(boolean burstBad, long lastDeliverAt, long queueFreeAt) {

    /** A fresh, idle link in the good state. */
    public static final LinkState INITIAL = new LinkState(false, Long.MIN_VALUE, Long.MIN_VALUE);

    /** Bytes waiting in the bottleneck queue at {@code now}, given the rate. */
    public long backlogBytes(long now, long rateBitsPerSecond) {
        if (rateBitsPerSecond <= 0 || queueFreeAt <= now) {
            return 0;
        }
        double seconds = (queueFreeAt - now) / 1e9;
        return (long) Math.ceil(seconds * rateBitsPerSecond / 8.0);
    }
}
