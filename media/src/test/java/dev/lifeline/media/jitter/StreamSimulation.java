package dev.lifeline.media.jitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A synthetic 20 ms stream fed through a {@link JitterBuffer} in time order: packet {@code i} is
 * sent at {@code i * 20 ms} and arrives {@code delay(i)} later (or never); playout ticks every
 * 20 ms at a fixed phase, until shortly after the last arrival has been played.
 */
final class StreamSimulation {

    static final long MS = 1_000_000L;
    static final long FRAME = 20 * MS;

    int packets = 500;
    int firstSeq = 1000;
    long firstTs = 50_000;
    long ssrc = 0x1234;
    /** Network delay of packet i in ns; negative means the packet is lost. */
    IntFunction<Long> delay = i -> 30 * MS;
    IntPredicate duplicated = i -> false;
    IntFunction<Long> ssrcOf = i -> ssrc;
    IntPredicate silence = i -> false;
    long tickPhase = 7 * MS;
    JitterBufferConfig config = JitterBufferConfig.G711_20MS;

    final List<ArrivalVerdict> verdicts = new ArrayList<>();
    JitterBuffer buffer;
    long endNanos;

    record Event(long at, RtpArrival packet) {
    }

    static StreamSimulation stream() {
        return new StreamSimulation();
    }

    static IntFunction<Long> randomJitter(long baseMs, long spreadMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] d = new long[100_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = baseMs * MS + (long) (random.nextDouble() * spreadMs * MS);
        }
        return i -> d[i];
    }

    static IntFunction<Long> randomLoss(double lossFraction, long delayMs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] lost = new boolean[100_000];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = random.nextDouble() < lossFraction;
        }
        return i -> lost[i] ? -1L : delayMs * MS;
    }

    PlayoutReport run() {
        buffer = new JitterBuffer(config, 0);
        List<Event> events = new ArrayList<>();
        long lastArrival = 0;
        for (int i = 0; i < packets; i++) {
            long d = delay.apply(i);
            if (d < 0) {
                continue;
            }
            long at = i * FRAME + d;
            RtpArrival p = new RtpArrival(ssrcOf.apply(i), (firstSeq + i) & 0xFFFF,
                    (firstTs + 160L * i) & 0xFFFF_FFFFL, i == 0, silence.test(i), at);
            events.add(new Event(at, p));
            if (duplicated.test(i)) {
                events.add(new Event(at + MS, new RtpArrival(p.ssrc(), p.sequence(), p.timestamp(), p.marker(),
                        p.silence(), at + MS)));
            }
            lastArrival = Math.max(lastArrival, at + MS);
        }
        events.sort(Comparator.comparingLong(Event::at));
        long tick = tickPhase;
        int next = 0;
        // Tick on until everything arrived has had time to play: the ceiling delay plus a frame.
        long end = lastArrival + config.maxDelay().toNanos() + 2 * FRAME;
        while (tick <= end) {
            while (next < events.size() && events.get(next).at() <= tick) {
                verdicts.add(buffer.offer(events.get(next++).packet()));
            }
            buffer.tick(tick);
            if (next == events.size() && buffer.buffered() == 0) {
                break;
            }
            tick += FRAME;
        }
        endNanos = tick;
        return buffer.report(tick);
    }
}
